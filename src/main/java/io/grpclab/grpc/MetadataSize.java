package io.grpclab.grpc;

import io.grpc.InternalMetadata;
import io.grpc.Metadata;

/** The size of metadata as HTTP/2 counts a header list: name + value + 32 bytes per entry (RFC 9113, 6.5.2). */
public final class MetadataSize {

    public static final int ENTRY_OVERHEAD = 32;

    private MetadataSize() {
    }

    public static int of(Metadata metadata) {
        // grpc-java's internal API, on purpose: the serialized entries are what goes on the wire, without decoding and
        // re-encoding every value as Metadata's public getters would, on every call.
        byte[][] serialized = InternalMetadata.serialize(metadata);
        int size = 0;
        for (int i = 0; i + 1 < serialized.length; i += 2) {
            byte[] name = serialized[i];
            int value = serialized[i + 1].length;
            if (endsWithBin(name)) {
                value = (value * 4 + 2) / 3; // sent base64-encoded, unpadded
            }
            size += name.length + value + ENTRY_OVERHEAD;
        }
        return size;
    }

    private static boolean endsWithBin(byte[] name) {
        int n = name.length;
        return n >= 4 && name[n - 4] == '-' && name[n - 3] == 'b' && name[n - 2] == 'i' && name[n - 1] == 'n';
    }
}
