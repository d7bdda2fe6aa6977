package io.grpclab.grpc;

import io.grpc.Metadata;
import io.grpc.Status;

/** Reads bounded values from request metadata; a bad value is an INVALID_ARGUMENT naming the key. */
public final class MetadataValues {

    private MetadataValues() {
    }

    public static Metadata.Key<String> asciiKey(String name) {
        return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
    }

    /**
     * The integer under {@code key}, or {@code fallback} when absent.
     *
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when present but not an integer in [min, max]
     */
    public static long longInRange(Metadata headers, Metadata.Key<String> key, long fallback, long min, long max) {
        String raw = headers.get(key);
        if (raw == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the bounds
        }
        throw Status.INVALID_ARGUMENT
                .withDescription(key.name() + " must be an integer between " + min + " and " + max)
                .asRuntimeException();
    }
}
