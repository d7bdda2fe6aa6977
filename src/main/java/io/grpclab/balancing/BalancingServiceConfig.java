package io.grpclab.balancing;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.grpc.LoadBalancerRegistry;
import io.grpc.NameResolverRegistry;
import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.retry.ServiceConfigs;
import io.quarkus.grpc.api.ChannelBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;

/**
 * The gateway's channels spread calls over every address their target resolves to ({@code lab_round_robin}) and
 * check each backend's health (grpc.health.v1 Watch, the whole server: service name ""), so a backend that says
 * NOT_SERVING, or whose connection fails, gets no calls; a retry attempt is picked anew, so the retry policy moves
 * calls off a backend that failed. Targets: {@code dns:///name:port} (every address of the name, e.g. a Kubernetes
 * headless Service) or {@code static://host:port,host:port} ({@link StaticTargets}).
 * These keys sit beside the retry and hedging policy's in the channel's default service config.
 */
@Singleton
public class BalancingServiceConfig implements ChannelBuilderCustomizer<NettyChannelBuilder> {

    /** The channels that balance. */
    public static final Set<String> CHANNELS = Set.of(GatewayChannel.NAME, ServiceConfigs.HEDGING_CHANNEL);
    /** The health checks ask about the whole server, which this app's drain turns NOT_SERVING. */
    public static final String HEALTH_CHECKED_SERVICE = "";

    private final StaticNameResolverProvider resolver = new StaticNameResolverProvider();
    private final ObservedRoundRobinProvider policy = new ObservedRoundRobinProvider();

    /**
     * Registered here, before Quarkus builds a channel with this customizer, not in META-INF/services: grpc-java looks
     * there with its own jar's class loader, which in dev and test mode does not see the application's classes. Taken
     * out again when the app stops, so that dev mode's restarts do not keep the previous class loader's providers.
     */
    BalancingServiceConfig() {
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        LoadBalancerRegistry.getDefaultRegistry().register(policy);
    }

    @PreDestroy
    void deregister() {
        NameResolverRegistry.getDefaultRegistry().deregister(resolver);
        LoadBalancerRegistry.getDefaultRegistry().deregister(policy);
    }

    @Override
    public Map<String, Object> customize(String name, GrpcClientConfiguration config, NettyChannelBuilder builder) {
        return CHANNELS.contains(name) ? forChannel(name) : Map.of();
    }

    /** The service config keys that make a channel balance and check health, its backends recorded under its name. */
    public static Map<String, Object> forChannel(String name) {
        Map<String, Object> observed = Map.of(ObservedRoundRobinProvider.POLICY, Map.of("channel", name));
        return Map.of("loadBalancingConfig", List.of(observed),
                "healthCheckConfig", Map.of("serviceName", HEALTH_CHECKED_SERVICE));
    }
}
