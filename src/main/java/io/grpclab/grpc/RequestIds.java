package io.grpclab.grpc;

import java.util.UUID;

import io.grpc.Metadata;

/** The request id that ties a gateway request to the gRPC call it makes. */
public final class RequestIds {

    public static final Metadata.Key<String> KEY = MetadataValues.asciiKey("x-request-id");

    private RequestIds() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** The request id the current gRPC call carries, or null. */
    public static String ofCurrentCall() {
        return ServerCallMetadata.requestHeaders().get(KEY);
    }
}
