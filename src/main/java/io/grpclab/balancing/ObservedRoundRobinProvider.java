package io.grpclab.balancing;

import java.util.Map;

import io.grpc.LoadBalancer;
import io.grpc.LoadBalancerProvider;
import io.grpc.LoadBalancerRegistry;
import io.grpc.NameResolver;
import io.grpc.Status;

/**
 * The gateway channels' balancing policy, {@code lab_round_robin}: grpc-java's {@code round_robin} (with client-side
 * health checks when the service config has a {@code healthCheckConfig}: grpc-services registers that round_robin),
 * wrapped so that each backend's state is kept for reports ({@link Backends}). Its config names the channel:
 * {@code {"lab_round_robin": {"channel": "lab"}}}. Registered by
 * {@link Balancing}.
 */
public final class ObservedRoundRobinProvider extends LoadBalancerProvider {

    public static final String POLICY = "lab_round_robin";
    private static final String ROUND_ROBIN = "round_robin";

    /** The parsed config: the channel whose backends the balancer records. */
    record Config(String channel, Object roundRobinConfig) {
    }

    @Override
    public boolean isAvailable() {
        return true;
    }

    @Override
    public int getPriority() {
        return 5;
    }

    @Override
    public String getPolicyName() {
        return POLICY;
    }

    @Override
    public NameResolver.ConfigOrError parseLoadBalancingPolicyConfig(Map<String, ?> rawConfig) {
        Object channel = rawConfig.get("channel");
        if (!(channel instanceof String name) || name.isBlank()) {
            return NameResolver.ConfigOrError.fromError(Status.INTERNAL
                    .withDescription(POLICY + " needs its channel's name: {\"channel\": \"<name>\"}"));
        }
        NameResolver.ConfigOrError roundRobin = roundRobin().parseLoadBalancingPolicyConfig(Map.of());
        return roundRobin.getError() != null ? roundRobin
                : NameResolver.ConfigOrError.fromConfig(new Config(name, roundRobin.getConfig()));
    }

    @Override
    public LoadBalancer newLoadBalancer(LoadBalancer.Helper helper) {
        return new ObservedLoadBalancer(helper, roundRobin());
    }

    private static LoadBalancerProvider roundRobin() {
        return LoadBalancerRegistry.getDefaultRegistry().getProvider(ROUND_ROBIN);
    }
}
