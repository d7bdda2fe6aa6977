package io.grpclab.grpc;

import io.grpc.Metadata;

/** The metadata of gRPC's retry protocol (gRFC A6), and the attempt number this app's server returns. */
public final class RetryKeys {

    /** Sent by the client on each retry or hedge: how many attempts came before this one. */
    public static final Metadata.Key<String> PREVIOUS_ATTEMPTS = MetadataValues.asciiKey("grpc-previous-rpc-attempts");

    /** Sent by the server in trailers: retry after this many ms, or (negative) do not retry. */
    public static final Metadata.Key<String> RETRY_PUSHBACK = MetadataValues.asciiKey("grpc-retry-pushback-ms");

    /** Sent by this app's server in the trailers of every call: the attempt number it saw (previous + 1). */
    public static final Metadata.Key<String> SERVED_ATTEMPT = MetadataValues.asciiKey("x-served-attempt");

    private RetryKeys() {
    }
}
