package io.grpclab.lab.deadline;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;

/**
 * What {@code GET /demo/deadline} saw.
 *
 * @param deadlineMs the deadline the client set on the call
 * @param serverDelayMs how long the server was asked to wait before answering
 * @param elapsedMs from starting the call to its end, measured by the client
 * @param server how the server's wait ended, as the server recorded it (absent when it had no wait)
 * @param explanation what happened, in a sentence
 */
public record DeadlineReport(String scenario, Map<String, Object> parameters, long deadlineMs, long serverDelayMs,
        Outcome outcome, long elapsedMs, @JsonInclude(JsonInclude.Include.NON_NULL) ServerSide server,
        GatewayChannel.Summary config, String explanation) {

    /**
     * The server's view of the call.
     *
     * @param requestId the x-request-id the client sent, which ties the two views together
     * @param waitEnded ANSWERED, CANCELLED or DEADLINE_EXCEEDED; UNKNOWN when the server did not report in time
     * @param afterMs when the server's wait ended, from its start
     * @param waitsInProgress the server's waits still in progress after this call
     */
    public record ServerSide(String requestId, String waitEnded, Long afterMs, int waitsInProgress) {
    }
}
