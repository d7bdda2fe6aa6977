package io.grpclab.retry;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.grpc.LabChannel;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;

/**
 * A fresh channel like the {@code lab} one (same target, TLS and retry policy) but with its own retry
 * throttling. Throttling is a token bucket the channel keeps across calls; a fresh channel per run makes a
 * demo's outcome depend on its parameters only, not on the traffic before it.
 */
@ApplicationScoped
public class RetryChannels {

    private final LabChannel lab;
    private final ServiceConfigs configs;

    RetryChannels(LabChannel lab, ServiceConfigs configs) {
        this.lab = lab;
        this.configs = configs;
    }

    /** Shut it down after use. */
    public ManagedChannel withThrottling(ServiceConfigs.Throttling throttling) {
        GrpcClientConfiguration client = lab.clientConfig();
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(lab.channel().authority())
                .defaultServiceConfig(configs.retryServiceConfig(Optional.of(throttling)))
                .enableRetry()
                .maxRetryAttempts(client.maxRetryAttempts());
        LabChannel.Summary summary = lab.summary();
        if (!summary.tls()) {
            return builder.usePlaintext().build();
        }
        try {
            var ssl = GrpcSslContexts.forClient();
            Optional<Path> ca = client.ssl().trustStore();
            if (ca.isPresent()) {
                try (InputStream in = Files.newInputStream(ca.get())) {
                    ssl.trustManager(in);
                }
            }
            return builder.sslContext(ssl.build()).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the lab channel's trust store", e);
        }
    }
}
