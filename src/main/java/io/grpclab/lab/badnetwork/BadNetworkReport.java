package io.grpclab.lab.badnetwork;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.network.ConnectionRecord;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;

/**
 * Calls over links that fail on purpose, each link a fault proxy of the run's own in front of this app's gRPC server.
 * Times are from the start of the run.
 *
 * @param policy the retry or hedging policy the run's channel had, as its service config spells it
 * @param backends each link: its name, the proxy's address (as attempts name it) and the fault put on it
 * @param calls each call, with grpc-java's attempts (each attempt names the backend it went to)
 * @param connections the proxy's record of each connection, with the backend it belongs to
 * @param outcome the last call's
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BadNetworkReport(String scenario, Map<String, Object> parameters, Policy policy, List<Backend> backends,
        List<Call> calls, List<Connection> connections, List<TimelineEntry> timeline, Outcome outcome, long elapsedMs,
        String explanation) {

    /** The policy in force: {@code retry} or {@code hedging}, and its fields. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Policy(String kind, ServiceConfigs.RetryPolicy retry, ServiceConfigs.HedgingPolicy hedging) {
    }

    /**
     * @param faultAtMs when the fault was put on the link; null for a link without one
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Backend(String name, String address, String fault, Long faultAtMs) {
    }

    /**
     * @param winner the attempt that answered (hedging), by number
     * @param winnerBackend the backend that attempt went to
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Call(int number, long startMs, long elapsedMs, Long deadlineMs, Outcome outcome,
            List<AttemptTrace.Attempt> attempts, Integer winner, String winnerBackend) {
    }

    /** A connection the proxy of one backend forwarded; {@code openedAtMs} on the run's time line. */
    public record Connection(String backend, long openedAtMs, ConnectionRecord.View record) {
    }

    /** Something that happened {@code atMs} into the run, seen by the channel or a backend's proxy. */
    public record TimelineEntry(long atMs, String source, String what) {
    }
}
