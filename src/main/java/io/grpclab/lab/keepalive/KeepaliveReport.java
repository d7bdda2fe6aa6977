package io.grpclab.lab.keepalive;

import java.util.List;
import java.util.Map;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;

/**
 * What {@code GET /demo/keepalive} found: both ends' effective keepalive, whether they are compatible
 * and why, and a probe call on the channel.
 *
 * @param channelStateBefore the channel's connectivity state before the probe
 * @param channelStateAfter the state after it
 * @param outcome how the probe (an Echo with no delay) ended
 * @param elapsedMs how long the probe took
 */
public record KeepaliveReport(String scenario, Map<String, Object> parameters, KeepaliveSettings.Client client,
        KeepaliveSettings.Server server, boolean compatible, List<KeepaliveSettings.Check> checks, List<String> notes,
        String channelStateBefore, String channelStateAfter, Outcome outcome, long elapsedMs,
        GatewayChannel.Summary config) {
}
