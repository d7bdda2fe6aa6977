package io.grpclab.echo;

import java.nio.charset.StandardCharsets;

import io.grpc.Metadata;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.MetadataValues;
import io.grpclab.grpc.SensitiveMetadata;

/**
 * The request metadata the Echo server received, sent back as trailers {@code x-received-<key>} when the
 * call asks with {@code x-echo-metadata: true}: what the server saw, stack-added entries such as
 * {@code grpc-timeout} and {@code user-agent} included, credentials redacted. At most
 * {@value #MAX_ECHO_BYTES} bytes are echoed; beyond that {@code x-received-truncated: true} says so.
 */
public final class ReceivedMetadata {

    public static final String PREFIX = "x-received-";
    static final Metadata.Key<String> TRUNCATED = MetadataValues.asciiKey(PREFIX + "truncated");
    static final int MAX_ECHO_BYTES = 4096;

    private ReceivedMetadata() {
    }

    static boolean asked(Metadata request) {
        return "true".equalsIgnoreCase(request.get(FaultKnobs.ECHO_METADATA));
    }

    /** Adds what {@code received} holds to {@code trailers}, under the prefix. */
    static void echoInto(Metadata received, Metadata trailers) {
        int size = 0;
        for (String key : received.keys()) {
            boolean binary = key.endsWith(Metadata.BINARY_HEADER_SUFFIX);
            boolean sensitive = SensitiveMetadata.isSensitive(key);
            if (binary) {
                Metadata.Key<byte[]> echoed = Metadata.Key.of(PREFIX + key, Metadata.BINARY_BYTE_MARSHALLER);
                for (byte[] value : received.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
                    byte[] shown = sensitive ? SensitiveMetadata.REDACTED.getBytes(StandardCharsets.US_ASCII) : value;
                    size += PREFIX.length() + key.length() + shown.length;
                    if (size > MAX_ECHO_BYTES) {
                        trailers.put(TRUNCATED, "true");
                        return;
                    }
                    trailers.put(echoed, shown);
                }
            } else {
                Metadata.Key<String> echoed = MetadataValues.asciiKey(PREFIX + key);
                for (String value : received.getAll(MetadataValues.asciiKey(key))) {
                    String shown = sensitive ? SensitiveMetadata.REDACTED : value;
                    size += PREFIX.length() + key.length() + shown.length();
                    if (size > MAX_ECHO_BYTES) {
                        trailers.put(TRUNCATED, "true");
                        return;
                    }
                    trailers.put(echoed, shown);
                }
            }
        }
    }

    /** The echoed entries of {@code trailers}, under their original keys. */
    public static Metadata readFrom(Metadata trailers) {
        Metadata received = new Metadata();
        for (String key : trailers.keys()) {
            if (!key.startsWith(PREFIX)) {
                continue;
            }
            String original = key.substring(PREFIX.length());
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                Metadata.Key<byte[]> target = Metadata.Key.of(original, Metadata.BINARY_BYTE_MARSHALLER);
                trailers.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))
                        .forEach(v -> received.put(target, v));
            } else {
                Metadata.Key<String> target = MetadataValues.asciiKey(original);
                trailers.getAll(MetadataValues.asciiKey(key)).forEach(v -> received.put(target, v));
            }
        }
        return received;
    }

    /** {@code trailers} without the echoed entries. */
    public static Metadata withoutEcho(Metadata trailers) {
        Metadata rest = new Metadata();
        rest.merge(trailers);
        for (String key : trailers.keys()) {
            if (key.startsWith(PREFIX) && key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                rest.discardAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER));
            } else if (key.startsWith(PREFIX)) {
                rest.discardAll(MetadataValues.asciiKey(key));
            }
        }
        return rest;
    }
}
