package io.grpclab.grpc;

import java.util.concurrent.TimeUnit;

import io.grpc.Attributes;
import io.grpc.Metadata;
import io.grpc.Status;

/**
 * One unary call as the client saw it on the wire.
 *
 * @param status the final status (OK, or the failure)
 * @param response the response message, or null when the call failed
 * @param headers the response headers (empty when the server sent none)
 * @param trailers the trailers, including those of a failed call
 * @param elapsedNanos from starting the call to its close
 * @param deadlinePassed whether the call's deadline had passed when it closed
 * @param transport the call's transport attributes (the TLS session among them)
 */
public record CallResult<R>(Status status, R response, Metadata headers, Metadata trailers, long elapsedNanos,
        boolean deadlinePassed, Attributes transport) {

    public boolean ok() {
        return status.isOk();
    }

    public long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(elapsedNanos);
    }

    /** The status description a caller may read ({@link StatusText}). */
    public String safeDescription() {
        return StatusText.forCaller(status, trailers);
    }
}
