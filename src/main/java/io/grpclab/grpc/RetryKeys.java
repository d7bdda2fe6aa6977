package io.grpclab.grpc;

import io.grpc.Metadata;

/** The metadata of gRPC's retry protocol (gRFC A6). */
public final class RetryKeys {

    /** Sent by the client on each retry or hedge: how many attempts came before this one. */
    public static final Metadata.Key<String> PREVIOUS_ATTEMPTS = MetadataValues.asciiKey("grpc-previous-rpc-attempts");

    /** Sent by the server in trailers: retry after this many ms, or (negative) do not retry. */
    public static final Metadata.Key<String> RETRY_PUSHBACK = MetadataValues.asciiKey("grpc-retry-pushback-ms");

    private RetryKeys() {
    }
}
