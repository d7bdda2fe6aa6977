package io.grpclab.lab.keepalive;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.lab.catalogue.Outcome;

/**
 * A client that pings more often than the server permits, against a throwaway grpc-java server with that policy, while
 * a call stays open: when the server sent GOAWAY ENHANCE_YOUR_CALM "too_many_pings", how the call ended, and what the
 * client did next, from grpc-java's own records. Times are from the call's start.
 *
 * @param goawayAtMs when the open call ended with the server's GOAWAY; null if it never came
 * @param clientKeepaliveAfter what grpc-java said it did to its keepalive time on that GOAWAY (it doubles it, so that
 *        the next connection is not closed the same way); null if it said nothing
 * @param secondCall a call started on the same channel after the GOAWAY: a new connection, answered or not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TooManyPingsReport(String scenario, Map<String, Object> parameters, Outcome outcome, long elapsedMs,
        long clientKeepaliveTimeMs, long serverPermitTimeMs, Long goawayAtMs, String goaway,
        String clientKeepaliveAfter, Outcome secondCall, List<SilentPeerReport.TimelineEntry> timeline,
        String explanation) {
}
