package io.grpclab.retry;

import java.util.Map;

import jakarta.inject.Singleton;

import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.grpc.api.ChannelBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;

/**
 * Gives the gateway's channels their retry or hedging policy as the default service config: Quarkus has
 * no property for a service config. Retries also need {@code quarkus.grpc.clients.<name>.retry=true} and a
 * {@code max-retry-attempts} (or {@code max-hedged-attempts}) at least the policy's, or grpc-java caps it at 5.
 */
@Singleton
public class ServiceConfigCustomizer implements ChannelBuilderCustomizer<NettyChannelBuilder> {

    private final ServiceConfigs configs;

    ServiceConfigCustomizer(ServiceConfigs configs) {
        this.configs = configs;
    }

    @Override
    public Map<String, Object> customize(String name, GrpcClientConfiguration config, NettyChannelBuilder builder) {
        return configs.forChannel(name);
    }
}
