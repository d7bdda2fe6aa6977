package io.grpclab.lab.keepalive;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.network.ConnectionRecord;
import io.grpclab.lab.trace.AttemptTrace;

/**
 * A call whose peer goes silent mid-call, through a fault proxy of the run's own: what the client's keepalive did about
 * it, from the channel's own state changes, grpc-java's attempts and the proxy's record of each connection. Times are
 * from the call's start.
 *
 * @param keepalive the keepalive the run's channel had (off: none)
 * @param silenceAtMs when the proxy began dropping every byte, both ways
 * @param detectedAtMs when the channel left READY after the silence began: the client gave the connection up; null if
 *        it never did while the call lasted
 * @param detectionBoundMs when keepalive should have found it at the latest: silence + time + timeout + 1 s
 * @param timeline the channel's states, the proxy's events (bytes dropped, faults, closes) and the attempts, in order
 * @param connections the proxy's record of each connection of the run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SilentPeerReport(String scenario, Map<String, Object> parameters, Keepalive keepalive, Outcome outcome,
        long elapsedMs, Long silenceAtMs, Long detectedAtMs, Long detectionBoundMs, Boolean detectedWithinBound,
        List<TimelineEntry> timeline, List<AttemptTrace.Attempt> attempts, List<ConnectionRecord.View> connections,
        String explanation) {

    /** The client's keepalive: a ping after timeMs without reads, the connection given up timeoutMs without its ack. */
    public record Keepalive(boolean enabled, Long timeMs, Long timeoutMs) {
    }

    /** Something that happened, {@code atMs} after the call started: seen by the channel, the proxy or the call. */
    public record TimelineEntry(long atMs, String source, String what) {
    }
}
