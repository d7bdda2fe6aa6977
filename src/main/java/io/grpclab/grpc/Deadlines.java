package io.grpclab.grpc;

import java.util.concurrent.TimeUnit;

import io.grpc.Deadline;

/** How a server tells a call that ran out of its deadline from one its caller cancelled. */
public final class Deadlines {

    private static final long MARGIN_MS = 100;

    private Deadlines() {
    }

    /**
     * Whether a cancellation came with the call's deadline (from grpc-timeout). The caller's own timer usually fires
     * first and resets the stream a moment before the server's copy of the deadline expires, so "at" allows a margin.
     */
    public static boolean cancelledAtDeadline(Deadline deadline) {
        return deadline != null && deadline.timeRemaining(TimeUnit.MILLISECONDS) <= MARGIN_MS;
    }
}
