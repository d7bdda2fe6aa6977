package io.grpclab.retry;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.balancing.Balancing;
import io.quarkus.grpc.api.ChannelBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;

/**
 * The one writer of the gateway channels' default service config (Quarkus has no property for one): the retry or
 * hedging policy ({@link ServiceConfigs}) beside the balancing and health-check keys ({@link Balancing}). Retries also
 * need {@code quarkus.grpc.clients.<name>.retry=true} and a {@code max-retry-attempts} (or {@code max-hedged-attempts})
 * at least the policy's, or grpc-java caps it at 5.
 */
@Singleton
public class ServiceConfigCustomizer implements ChannelBuilderCustomizer<NettyChannelBuilder> {

    private final ServiceConfigs policies;
    private final Balancing balancing;

    ServiceConfigCustomizer(ServiceConfigs policies, Balancing balancing) {
        this.policies = policies;
        this.balancing = balancing;
    }

    @Override
    public Map<String, Object> customize(String name, GrpcClientConfiguration config, NettyChannelBuilder builder) {
        return serviceConfig(name);
    }

    /** A channel's whole default service config, by client name; empty for channels that are not the gateway's. */
    public Map<String, Object> serviceConfig(String name) {
        Map<String, Object> serviceConfig = new LinkedHashMap<>(policies.forChannel(name));
        serviceConfig.putAll(balancing.forChannel(name));
        return serviceConfig;
    }
}
