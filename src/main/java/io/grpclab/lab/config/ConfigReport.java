package io.grpclab.lab.config;

import java.util.List;
import java.util.Map;

import io.grpclab.balancing.BackendState;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.faulttolerance.FaultToleranceSettings;
import io.grpclab.lab.keepalive.KeepaliveSettings;
import io.grpclab.retry.ServiceConfigs;

/**
 * What {@code GET /demo/config} found: the effective configuration of the gateway's channels and of this app's
 * gRPC server, and warnings about combinations that do not do what they seem to.
 *
 * @param outcome a gRPC health check on the lab channel
 */
public record ConfigReport(String scenario, Map<String, Object> parameters, Client client, Server server,
        FaultToleranceSettings.Settings faultTolerance, FaultToleranceSettings.Amplification amplification,
        List<String> warnings, Outcome outcome, long elapsedMs, GatewayChannel.Summary config) {

    /** The gateway's channels. */
    public record Client(GatewayChannel.Summary target, Balancing balancing, KeepaliveSettings.Client keepalive,
            Retry retry, Hedging hedging) {
    }

    /**
     * How the lab channel spreads calls, and each backend as its balancer sees it right now.
     *
     * @param nameResolver quarkus.grpc.clients.lab.name-resolver: dns (every address of the host) or static (a list)
     * @param backends every address the target resolved to: connectivity, health, whether it gets calls, and the call
     *        attempts it was picked for since the channel started
     */
    public record Balancing(String policy, String nameResolver, String healthCheckedService,
            List<BackendState.View> backends) {
    }

    /**
     * @param enabled quarkus.grpc.clients.lab.retry
     * @param channelCap quarkus.grpc.clients.lab.max-retry-attempts
     * @param effectiveMaxAttempts the policy's attempts as the cap leaves them
     */
    public record Retry(boolean enabled, ServiceConfigs.RetryPolicy policy, ServiceConfigs.Throttling throttling,
            int channelCap, int effectiveMaxAttempts) {
    }

    public record Hedging(boolean enabled, ServiceConfigs.HedgingPolicy policy, int channelCap,
            int effectiveMaxAttempts, List<String> gatewayMethods) {
    }

    /** This app's gRPC server. */
    public record Server(int port, Tls tls, KeepaliveSettings.Server keepalive, Limits limits,
            Map<String, Object> faults, long echoDelayMs) {
    }

    /**
     * What a client may ask of the servers.
     *
     * @param maxConcurrentCallsPerConnection advertised as SETTINGS_MAX_CONCURRENT_STREAMS
     * @param maxRstFramesPerWindow stream resets a client may send per window before GOAWAY (HTTP/2 rapid reset)
     * @param maxMetadataSize request metadata beyond which a call gets RESOURCE_EXHAUSTED, in bytes
     * @param maxInboundMetadataSize where the transport itself refuses the headers
     * @param maxInboundMessageSize the largest request message (RESOURCE_EXHAUSTED beyond), in bytes
     * @param handshakeTimeoutMs how long a new connection has to finish its TLS handshake
     * @param httpMaxBodySize the largest HTTP request body the gateway reads (413 beyond), in bytes
     */
    public record Limits(int maxConcurrentCallsPerConnection, int maxRstFramesPerWindow, long rstFramesWindowMs,
            int maxMetadataSize, Integer maxInboundMetadataSize, Integer maxInboundMessageSize, Long handshakeTimeoutMs,
            long httpMaxBodySize) {
    }

    /**
     * @param developmentCertificates whether the certificate is one this app issued for development
     */
    public record Tls(boolean enabled, String certificate, List<String> protocols, String clientAuth,
            boolean developmentCertificates) {
    }
}
