package io.grpclab.lab.explorer;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.clients.LabChannels;
import io.grpclab.ops.ClientCallMetrics;
import io.grpclab.retry.ServiceConfigs;
import io.quarkus.grpc.GrpcClient;

/**
 * The channel of each policy a learner can pick: the gateway's own two (the lab channel retries, the hedging one
 * hedges) and one of the explorer's that does neither, built on first use like the lab channel (same target and
 * security, the same attempt metrics and demo credential) and closed with the app.
 */
@Singleton
class ExplorerChannels {

    /** The policies offered. */
    enum Policy {
        NONE,
        RETRY,
        HEDGING
    }

    private final GatewayChannel lab;
    private final Channel hedging;
    private final ServiceConfigs configs;
    private final LabChannels channels;
    private final ClientCallMetrics metrics;
    private volatile ManagedChannel plain;

    ExplorerChannels(GatewayChannel lab, @GrpcClient(GatewayChannel.HEDGING_NAME) Channel hedging,
            ServiceConfigs configs, LabChannels channels, ClientCallMetrics metrics) {
        this.lab = lab;
        this.hedging = hedging;
        this.configs = configs;
        this.channels = channels;
        this.metrics = metrics;
    }

    Channel channel(Policy policy) {
        return switch (policy) {
            case RETRY -> lab.channel();
            case HEDGING -> hedging;
            case NONE -> plain();
        };
    }

    /**
     * What the picked channel applies to this method, as its service config says: the lab channel hedges the methods
     * of {@code lab.hedging.gateway-methods} and retries the rest. Null: neither.
     */
    Map<String, Object> inForce(Policy policy, String service, String method) {
        if (policy == Policy.NONE) {
            return null;
        }
        boolean hedged = policy == Policy.HEDGING || configs.gatewayHedges(service, method);
        return hedged ? Map.of("hedging", configs.hedgingPolicy()) : Map.of("retry", configs.retryPolicy());
    }

    private ManagedChannel plain() {
        ManagedChannel channel = plain;
        if (channel == null) {
            synchronized (this) {
                if (plain == null) {
                    plain = channels.secured(NettyChannelBuilder.forTarget(lab.channel().authority()))
                            .disableRetry().intercept(metrics).build();
                }
                channel = plain;
            }
        }
        return channel;
    }

    @PreDestroy
    void close() {
        if (plain != null) {
            plain.shutdownNow();
        }
    }
}
