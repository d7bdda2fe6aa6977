package io.grpclab.retry;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Status;
import io.grpclab.grpc.GatewayChannel;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;
import io.quarkus.runtime.Startup;

/**
 * The retry and hedging policies as the service config maps grpc-java wants (numbers as Double, durations as "0.1s");
 * their keys' bounds are constraints on {@link RetryConfig} and {@link HedgingConfig}, checked at start-up.
 */
@Startup
@ApplicationScoped
public class ServiceConfigs {

    /** The five fields of a retry policy, as the service config spells them. */
    public record RetryPolicy(int maxAttempts, String initialBackoff, String maxBackoff, double backoffMultiplier,
            List<String> retryableStatusCodes) {
    }

    /** Retry throttling, as the service config spells it. */
    public record Throttling(int maxTokens, double tokenRatio) {
    }

    /** A hedging policy, as the service config spells it. */
    public record HedgingPolicy(int maxAttempts, String hedgingDelay, List<String> nonFatalStatusCodes) {
    }

    private final RetryPolicy retry;
    private final Set<Status.Code> retryable;
    private final Optional<Throttling> throttling;
    private final HedgingPolicy hedging;
    private final List<String> hedgedGatewayMethods;
    private final int amplificationBound;

    ServiceConfigs(RetryConfig retryConfig, HedgingConfig hedgingConfig) {
        this.retryable = Collections.unmodifiableSet(EnumSet.copyOf(retryConfig.retryableStatusCodes()));
        this.retry = new RetryPolicy(retryConfig.maxAttempts(), seconds(retryConfig.initialBackoff()),
                seconds(retryConfig.maxBackoff()), retryConfig.backoffMultiplier(), names(retryable));
        this.throttling = throttling(retryConfig.throttling());
        this.amplificationBound = retryConfig.amplificationBound();
        this.hedging = new HedgingPolicy(hedgingConfig.maxAttempts(), seconds(hedgingConfig.delay()),
                names(EnumSet.copyOf(hedgingConfig.nonFatalStatusCodes())));
        this.hedgedGatewayMethods = hedgingConfig.gatewayMethods().map(List::copyOf).orElse(List.of());
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    public Set<Status.Code> retryableCodes() {
        return retryable;
    }

    public Optional<Throttling> throttling() {
        return throttling;
    }

    public HedgingPolicy hedgingPolicy() {
        return hedging;
    }

    /** The methods the lab channel hedges instead of retrying (lab.hedging.gateway-methods). */
    public List<String> hedgedGatewayMethods() {
        return hedgedGatewayMethods;
    }

    /** Whether the lab channel hedges this method: its service or the method itself is listed. */
    public boolean gatewayHedges(String service, String method) {
        return hedgedGatewayMethods.stream().anyMatch(m -> m.equals(service) || m.equals(service + "/" + method));
    }

    public int amplificationBound() {
        return amplificationBound;
    }

    /** The retry policy's maxAttempts as the lab channel caps it (max-retry-attempts); 1 with retries off. */
    public int effectiveRetryAttempts() {
        GrpcClientConfiguration client = GatewayChannel.configuration().clients().get(GatewayChannel.NAME);
        return client.retry() ? Math.min(retry.maxAttempts(), client.maxRetryAttempts()) : 1;
    }

    /** The hedging policy's maxAttempts as the hedging channel caps it (max-hedged-attempts); 1 with retries off. */
    public int effectiveHedgedAttempts() {
        GrpcClientConfiguration client = GatewayChannel.configuration().clients().get(GatewayChannel.HEDGING_NAME);
        return client.retry() ? Math.min(hedging.maxAttempts(), client.maxHedgedAttempts()) : 1;
    }

    /**
     * The retry or hedging part of a gateway channel's default service config, by client name; empty for others. The
     * lab channel retries every method but those it hedges: grpc-java takes a method's own entry over its service's,
     * and either over the default one.
     */
    public Map<String, Object> forChannel(String name) {
        return switch (name) {
            case GatewayChannel.NAME -> serviceConfig(hedgedGatewayMethods.isEmpty() ? List.of(retryMethodConfig())
                    : List.of(hedgingMethodConfig(hedgedGatewayMethods.stream().map(ServiceConfigs::methodName)
                            .toList()), retryMethodConfig()),
                    throttling);
            case GatewayChannel.HEDGING_NAME -> serviceConfig(List.of(hedgingMethodConfig(List.of(Map.of()))),
                    Optional.empty());
            default -> Map.of();
        };
    }

    /** The retry policy's service config, for every method, with the given throttling. */
    public Map<String, Object> retryServiceConfig(Optional<Throttling> withThrottling) {
        return serviceConfig(List.of(retryMethodConfig()), withThrottling);
    }

    private Map<String, Object> retryMethodConfig() {
        Map<String, Object> policy = Map.of("maxAttempts", (double) retry.maxAttempts(),
                "initialBackoff", retry.initialBackoff(), "maxBackoff", retry.maxBackoff(),
                "backoffMultiplier", retry.backoffMultiplier(), "retryableStatusCodes", retry.retryableStatusCodes());
        return methodConfig(List.of(Map.of()), "retryPolicy", policy); // every method of every service, as the seed
    }

    private Map<String, Object> hedgingMethodConfig(List<Map<String, String>> names) {
        return methodConfig(names, "hedgingPolicy", Map.of("maxAttempts", (double) hedging.maxAttempts(),
                "hedgingDelay", hedging.hedgingDelay(), "nonFatalStatusCodes", hedging.nonFatalStatusCodes()));
    }

    private static Map<String, Object> methodConfig(List<Map<String, String>> names, String policyName,
            Map<String, Object> policy) {
        Map<String, Object> methodConfig = new LinkedHashMap<>();
        methodConfig.put("name", names);
        methodConfig.put(policyName, policy);
        return methodConfig;
    }

    private static Map<String, Object> serviceConfig(List<Map<String, Object>> methodConfigs,
            Optional<Throttling> withThrottling) {
        Map<String, Object> serviceConfig = new LinkedHashMap<>();
        serviceConfig.put("methodConfig", methodConfigs);
        withThrottling.ifPresent(t -> serviceConfig.put("retryThrottling", Map.<String, Object> of(
                "maxTokens", (double) t.maxTokens(), "tokenRatio", t.tokenRatio())));
        return serviceConfig;
    }

    /** "Service/Method" or "Service" as a service config's name entry. */
    private static Map<String, String> methodName(String fullName) {
        int slash = fullName.indexOf('/');
        return slash < 0 ? Map.of("service", fullName)
                : Map.of("service", fullName.substring(0, slash), "method", fullName.substring(slash + 1));
    }

    /** The two keys go together; each one's bounds are on {@link RetryConfig.Throttling}. */
    private static Optional<Throttling> throttling(RetryConfig.Throttling config) {
        if (config.maxTokens().isEmpty() && config.tokenRatio().isEmpty()) {
            return Optional.empty();
        }
        if (config.maxTokens().isEmpty() || config.tokenRatio().isEmpty()) {
            throw new IllegalArgumentException("lab.retry.throttling.max-tokens and lab.retry.throttling.token-ratio "
                    + "go together: set both or neither");
        }
        return Optional.of(new Throttling(config.maxTokens().getAsInt(), config.tokenRatio().getAsDouble()));
    }

    private static List<String> names(Set<Status.Code> codes) {
        return codes.stream().map(Status.Code::name).toList();
    }

    /** "0.1s", as service configs write durations. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }

    private static IllegalArgumentException invalid(String key, String rule, Object value) {
        return new IllegalArgumentException(key + " " + rule + ", was '" + value + "'");
    }
}
