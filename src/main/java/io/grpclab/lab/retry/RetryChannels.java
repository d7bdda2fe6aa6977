package io.grpclab.lab.retry;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.clients.LabChannels;
import io.grpclab.retry.ServiceConfigs;

/**
 * A fresh channel like the {@code lab} one (same target, TLS, client certificate and retry policy) but with its own
 * retry throttling. Throttling is a token bucket the channel keeps across calls; a fresh channel per run makes a
 * demo's outcome depend on its parameters only, not on the traffic before it.
 */
@ApplicationScoped
class RetryChannels {

    private final GatewayChannel lab;
    private final ServiceConfigs configs;
    private final LabChannels channels;

    RetryChannels(GatewayChannel lab, ServiceConfigs configs, LabChannels channels) {
        this.lab = lab;
        this.configs = configs;
        this.channels = channels;
    }

    /** Shut it down after use. */
    public ManagedChannel withThrottling(ServiceConfigs.Throttling throttling) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(lab.channel().authority())
                .defaultServiceConfig(configs.retryServiceConfig(Optional.of(throttling)))
                .enableRetry()
                .maxRetryAttempts(lab.clientConfig().maxRetryAttempts());
        return channels.secured(builder).build();
    }
}
