package io.grpclab.lab.retry;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.retry.ServiceConfigs;
import io.grpclab.tls.ReloadingCertificates;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;

/**
 * A fresh channel like the {@code lab} one (same target, TLS, client certificate and retry policy) but with its own
 * retry throttling. Throttling is a token bucket the channel keeps across calls; a fresh channel per run makes a
 * demo's outcome depend on its parameters only, not on the traffic before it.
 */
@ApplicationScoped
class RetryChannels {

    private final GatewayChannel lab;
    private final ServiceConfigs configs;
    private final ReloadingCertificates certificates;

    RetryChannels(GatewayChannel lab, ServiceConfigs configs, ReloadingCertificates certificates) {
        this.lab = lab;
        this.configs = configs;
        this.certificates = certificates;
    }

    /** Shut it down after use. */
    public ManagedChannel withThrottling(ServiceConfigs.Throttling throttling) {
        GrpcClientConfiguration client = lab.clientConfig();
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(lab.channel().authority())
                .defaultServiceConfig(configs.retryServiceConfig(Optional.of(throttling)))
                .enableRetry()
                .maxRetryAttempts(client.maxRetryAttempts());
        if (!lab.summary().tls()) {
            return builder.usePlaintext().build();
        }
        Optional<Path> ca = client.ssl().trustStore();
        if (ca.isEmpty()) {
            return builder.build(); // the system's trust store
        }
        return builder.sslContext(certificates.clientContext(ca.get(), client.ssl().certificate(), client.ssl().key()))
                .build();
    }
}
