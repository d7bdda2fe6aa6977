package io.grpclab.grpc;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * What a caller may read of a failed call: the server's own description, but never what grpc-java writes for a
 * failure it detects itself (its deadline timer, a reset or closed connection, a GOAWAY), which names internal
 * addresses and timings. One rule for the gateway's problem bodies and the /demo reports: a description is the
 * server's when trailers came with it (this app's server sends x-request-id and x-served-attempt with every status;
 * grpc-java sends none with the statuses it makes up).
 */
public final class StatusText {

    private StatusText() {
    }

    /** @param trailers the trailers that came with the status; null or empty when the client made it up */
    public static String forCaller(Status status, Metadata trailers) {
        if (status.isOk()) {
            return status.getDescription();
        }
        boolean fromServer = trailers != null && !trailers.keys().isEmpty();
        if (!fromServer && status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return "the gRPC call did not complete within its deadline";
        }
        if (!fromServer || status.getCause() != null || status.getDescription() == null) {
            return "the gRPC call failed with " + status.getCode();
        }
        return status.getDescription();
    }
}
