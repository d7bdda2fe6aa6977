package io.grpclab.edge;

import io.grpc.Status;

/**
 * gRPC status to HTTP status, as google.rpc.Code documents it (the table grpc-gateway and Envoy use).
 */
final class GrpcHttpStatus {

    /** The non-standard status nginx and google.rpc use for a request the client cancelled. */
    public static final int CLIENT_CLOSED_REQUEST = 499;

    private GrpcHttpStatus() {
    }

    public static int of(Status.Code code) {
        return switch (code) {
            case OK -> 200;
            case INVALID_ARGUMENT, FAILED_PRECONDITION, OUT_OF_RANGE -> 400;
            case UNAUTHENTICATED -> 401;
            case PERMISSION_DENIED -> 403;
            case NOT_FOUND -> 404;
            case ALREADY_EXISTS, ABORTED -> 409;
            case RESOURCE_EXHAUSTED -> 429;
            case CANCELLED -> CLIENT_CLOSED_REQUEST;
            case UNIMPLEMENTED -> 501;
            case UNAVAILABLE -> 503;
            case DEADLINE_EXCEEDED -> 504;
            case UNKNOWN, INTERNAL, DATA_LOSS -> 500;
        };
    }
}
