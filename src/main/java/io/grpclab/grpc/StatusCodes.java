package io.grpclab.grpc;

import java.util.Locale;

import io.grpc.Status;

/** gRPC status names as callers write them: one parser for metadata knobs, query parameters and configuration. */
public final class StatusCodes {

    /** What a failure status must be, for error messages. */
    public static final String FAILURE_RULE = "a gRPC status name other than OK, such as UNAVAILABLE";

    private StatusCodes() {
    }

    /**
     * The status named, in any case, spaces around ignored.
     *
     * @throws IllegalArgumentException for a name that is not a gRPC status
     */
    public static Status.Code parse(String name) {
        return Status.Code.valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** The failure status named, or null when the name is not a status or is OK. */
    public static Status.Code failureOrNull(String name) {
        try {
            Status.Code code = parse(name);
            return code == Status.Code.OK ? null : code;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
