package io.grpclab.grpc;

import io.grpc.Status;

/**
 * What a caller may read of a failed call: the server's own description, but never what grpc-java writes for a
 * failure it detects itself (its deadline timer, a transport error), which names internal addresses and timings.
 * One rule for the gateway's problem bodies and the /demo reports.
 */
public final class StatusText {

    private StatusText() {
    }

    /**
     * @param endedByClient whether this side ended the call itself (its deadline passed, it cancelled): then the
     *        description is grpc-java's, not the server's
     */
    public static String forCaller(Status status, boolean endedByClient) {
        if (status.isOk()) {
            return status.getDescription();
        }
        if (endedByClient && status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
            return "the gRPC call did not complete within its deadline";
        }
        if (endedByClient || status.getCause() != null || status.getDescription() == null) {
            return "the gRPC call failed with " + status.getCode();
        }
        return status.getDescription();
    }
}
