package io.grpclab.lab.explorer;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.ops.ClientCallMetrics;
import io.grpclab.retry.ServiceConfigs;
import io.grpclab.tls.ReloadingCertificates;

/**
 * A configured server of {@code lab.explorer.targets}: a channel per policy (built on first use, with the lab's
 * retry or hedging policy, or neither), secured as configured, closed with the app.
 */
final class RemoteTarget implements AutoCloseable {

    private final ExplorerConfig.Target config;
    private final ServiceConfigs configs;
    private final ReloadingCertificates certificates;
    private final ClientCallMetrics metrics;
    private final Map<ExplorerChannels.Policy, ManagedChannel> channels = new EnumMap<>(ExplorerChannels.Policy.class);

    RemoteTarget(ExplorerConfig.Target config, ServiceConfigs configs, ReloadingCertificates certificates,
            ClientCallMetrics metrics) {
        this.config = config;
        this.configs = configs;
        this.certificates = certificates;
        this.metrics = metrics;
    }

    boolean plainText() {
        return config.plainText();
    }

    synchronized ManagedChannel channel(ExplorerChannels.Policy policy) {
        return channels.computeIfAbsent(policy, this::build);
    }

    /** What the policy's channel applies to every method; null for none. */
    Map<String, Object> inForce(ExplorerChannels.Policy policy) {
        return switch (policy) {
            case NONE -> null;
            case RETRY -> Map.of("retry", configs.retryPolicy());
            case HEDGING -> Map.of("hedging", configs.hedgingPolicy());
        };
    }

    private ManagedChannel build(ExplorerChannels.Policy policy) {
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(config.address()).intercept(metrics);
        if (config.plainText()) {
            builder.usePlaintext();
        } else {
            config.trustStore().ifPresent(ca -> builder.sslContext(certificates.clientContext(ca, Optional.empty(),
                    Optional.empty())));
        }
        return switch (policy) {
            case NONE -> builder.disableRetry().build();
            case RETRY -> builder.defaultServiceConfig(configs.retryServiceConfig(Optional.empty())).enableRetry()
                    .build();
            case HEDGING -> builder.defaultServiceConfig(configs.forChannel(GatewayChannel.HEDGING_NAME)).enableRetry()
                    .build();
        };
    }

    @Override
    public synchronized void close() {
        channels.values().forEach(ManagedChannel::shutdownNow);
        channels.clear();
    }
}
