package io.grpclab.balancing;

import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import io.grpc.LoadBalancerRegistry;
import io.grpc.NameResolverRegistry;
import io.grpclab.grpc.GatewayChannel;

/**
 * The gateway's channels spread calls over every address their target resolves to ({@code lab_round_robin}) and
 * check each backend's health (grpc.health.v1 Watch, the whole server: service name ""), so a backend that says
 * NOT_SERVING, or whose connection fails, gets no calls; a retry attempt is picked anew, so the retry policy moves
 * calls off a backend that failed. Targets: {@code dns:///name:port} (every address of the name, e.g. a Kubernetes
 * headless Service) or {@code static://host:port,host:port} ({@link StaticTargets}).
 * {@link #forChannel} gives the service config keys for this; {@code retry.ServiceConfigCustomizer} puts them beside
 * the retry or hedging policy in the channel's one default service config.
 */
@Singleton
public class Balancing {

    /** The channels that balance. */
    public static final Set<String> CHANNELS = Set.of(GatewayChannel.NAME, GatewayChannel.HEDGING_NAME);
    /** The health checks ask about the whole server, which this app's drain turns NOT_SERVING. */
    public static final String HEALTH_CHECKED_SERVICE = "";

    private final StaticNameResolverProvider resolver = new StaticNameResolverProvider();
    private final ObservedRoundRobinProvider policy = new ObservedRoundRobinProvider();

    /**
     * Registered here, before Quarkus builds a channel (the service config's writer injects this bean), not in
     * META-INF/services: grpc-java looks there with its own jar's class loader, which in dev and test mode does not
     * see the application's classes. Taken out again when the app stops, so that dev mode's restarts do not keep the
     * previous class loader's providers.
     */
    public Balancing() {
        NameResolverRegistry.getDefaultRegistry().register(resolver);
        LoadBalancerRegistry.getDefaultRegistry().register(policy);
    }

    @PreDestroy
    public void deregister() {
        NameResolverRegistry.getDefaultRegistry().deregister(resolver);
        LoadBalancerRegistry.getDefaultRegistry().deregister(policy);
    }

    /** The service config keys that make a gateway channel balance and check health; empty for other channels. */
    public Map<String, Object> forChannel(String name) {
        return CHANNELS.contains(name) ? serviceConfig(name) : Map.of();
    }

    /** The service config keys that make a channel balance and check health, its backends recorded under its name. */
    public static Map<String, Object> serviceConfig(String name) {
        Map<String, Object> observed = Map.of(ObservedRoundRobinProvider.POLICY, Map.of("channel", name));
        return Map.of("loadBalancingConfig", List.of(observed),
                "healthCheckConfig", Map.of("serviceName", HEALTH_CHECKED_SERVICE));
    }
}
