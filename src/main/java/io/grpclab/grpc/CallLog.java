package io.grpclab.grpc;

import org.jboss.logging.Logger;

/**
 * The log category of the one line per gRPC call each side writes ({@code called ...} by the gateway,
 * {@code served ...} by the server), with the request id. DEBUG: a line per call is the largest single cost on
 * the hot path, so production leaves it off and the lab turns it on
 * ({@code quarkus.log.category."io.grpclab.calls".level}).
 */
public final class CallLog {

    public static final String CATEGORY = "io.grpclab.calls";
    public static final Logger LOG = Logger.getLogger(CATEGORY);

    private CallLog() {
    }
}
