package io.grpclab.retry;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Status;
import io.grpclab.grpc.LabChannel;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;
import io.quarkus.runtime.Startup;

/**
 * The retry and hedging policies, validated at start-up (a bad value stops the app with a message naming
 * its key), as the service config maps grpc-java wants (numbers as Double, durations as "0.1s").
 */
@Startup
@ApplicationScoped
public class ServiceConfigs {

    /** The channel that retries: the gateway's {@code lab} channel. */
    public static final String RETRY_CHANNEL = "lab";
    /** The channel that hedges. */
    public static final String HEDGING_CHANNEL = "hedging";

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
    private final int amplificationBound;

    ServiceConfigs(RetryConfig retryConfig, HedgingConfig hedgingConfig) {
        int maxAttempts = inRange("lab.retry.max-attempts", retryConfig.maxAttempts(), 2, 100);
        positive("lab.retry.initial-backoff", retryConfig.initialBackoff());
        positive("lab.retry.max-backoff", retryConfig.maxBackoff());
        if (!(retryConfig.backoffMultiplier() > 0) || Double.isInfinite(retryConfig.backoffMultiplier())) {
            throw invalid("lab.retry.backoff-multiplier", "must be a number above 0", retryConfig.backoffMultiplier());
        }
        this.retryable = codes("lab.retry.retryable-status-codes", retryConfig.retryableStatusCodes());
        this.retry = new RetryPolicy(maxAttempts, seconds(retryConfig.initialBackoff()),
                seconds(retryConfig.maxBackoff()), retryConfig.backoffMultiplier(), names(retryable));
        this.throttling = throttling(retryConfig.throttling());
        this.amplificationBound = inRange("lab.retry.amplification-bound", retryConfig.amplificationBound(), 1, 10_000);
        positive("lab.hedging.delay", hedgingConfig.delay());
        this.hedging = new HedgingPolicy(inRange("lab.hedging.max-attempts", hedgingConfig.maxAttempts(), 2, 100),
                seconds(hedgingConfig.delay()),
                names(codes("lab.hedging.non-fatal-status-codes", hedgingConfig.nonFatalStatusCodes())));
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

    public int amplificationBound() {
        return amplificationBound;
    }

    /** The retry policy's maxAttempts as the lab channel caps it (max-retry-attempts); 1 with retries off. */
    public int effectiveRetryAttempts() {
        GrpcClientConfiguration client = LabChannel.configuration().clients().get(RETRY_CHANNEL);
        return client.retry() ? Math.min(retry.maxAttempts(), client.maxRetryAttempts()) : 1;
    }

    /** The hedging policy's maxAttempts as the hedging channel caps it (max-hedged-attempts); 1 with retries off. */
    public int effectiveHedgedAttempts() {
        GrpcClientConfiguration client = LabChannel.configuration().clients().get(HEDGING_CHANNEL);
        return client.retry() ? Math.min(hedging.maxAttempts(), client.maxHedgedAttempts()) : 1;
    }

    /** The default service config of a gateway channel, by client name; empty for others. */
    public Map<String, Object> forChannel(String name) {
        return switch (name) {
            case RETRY_CHANNEL -> retryServiceConfig(throttling);
            case HEDGING_CHANNEL -> methodConfig("hedgingPolicy", Map.of("maxAttempts", (double) hedging.maxAttempts(),
                    "hedgingDelay", hedging.hedgingDelay(), "nonFatalStatusCodes", hedging.nonFatalStatusCodes()), null);
            default -> Map.of();
        };
    }

    /** The retry policy's service config, with the given throttling. */
    public Map<String, Object> retryServiceConfig(Optional<Throttling> withThrottling) {
        Map<String, Object> policy = Map.of("maxAttempts", (double) retry.maxAttempts(),
                "initialBackoff", retry.initialBackoff(), "maxBackoff", retry.maxBackoff(),
                "backoffMultiplier", retry.backoffMultiplier(), "retryableStatusCodes", retry.retryableStatusCodes());
        return methodConfig("retryPolicy", policy, withThrottling.map(t -> Map.<String, Object> of(
                "maxTokens", (double) t.maxTokens(), "tokenRatio", t.tokenRatio())).orElse(null));
    }

    /** Validates throttling given by a caller (a demo parameter), with the keys' rules. */
    public static Throttling throttling(String name, int maxTokens, double tokenRatio) {
        inRange(name + ".max-tokens", maxTokens, 1, 1000);
        if (!(tokenRatio > 0) || tokenRatio > 1) {
            throw invalid(name + ".token-ratio", "must be above 0 and at most 1", tokenRatio);
        }
        return new Throttling(maxTokens, tokenRatio);
    }

    private static Map<String, Object> methodConfig(String policyName, Map<String, Object> policy,
            Map<String, Object> retryThrottling) {
        Map<String, Object> methodConfig = new LinkedHashMap<>();
        methodConfig.put("name", List.of(Map.of())); // every method of every service, as the seed does
        methodConfig.put(policyName, policy);
        Map<String, Object> serviceConfig = new LinkedHashMap<>();
        serviceConfig.put("methodConfig", List.of(methodConfig));
        if (retryThrottling != null) {
            serviceConfig.put("retryThrottling", retryThrottling);
        }
        return serviceConfig;
    }

    private static Optional<Throttling> throttling(RetryConfig.Throttling config) {
        if (config.maxTokens().isEmpty() && config.tokenRatio().isEmpty()) {
            return Optional.empty();
        }
        if (config.maxTokens().isEmpty() || config.tokenRatio().isEmpty()) {
            throw new IllegalArgumentException("lab.retry.throttling.max-tokens and lab.retry.throttling.token-ratio "
                    + "go together: set both or neither");
        }
        return Optional.of(throttling("lab.retry.throttling", config.maxTokens().getAsInt(),
                config.tokenRatio().getAsDouble()));
    }

    static Set<Status.Code> codes(String key, List<String> names) {
        Set<Status.Code> codes = EnumSet.noneOf(Status.Code.class);
        for (String name : names) {
            try {
                Status.Code code = Status.Code.valueOf(name.trim().toUpperCase(Locale.ROOT));
                if (code != Status.Code.OK) {
                    codes.add(code);
                    continue;
                }
            } catch (IllegalArgumentException e) {
                // reported below
            }
            throw invalid(key, "lists a status that is not a gRPC failure status (such as UNAVAILABLE)", name);
        }
        if (codes.isEmpty()) {
            throw invalid(key, "must list at least one status", "");
        }
        return codes;
    }

    private static List<String> names(Set<Status.Code> codes) {
        List<String> names = new ArrayList<>();
        codes.forEach(code -> names.add(code.name()));
        return List.copyOf(names);
    }

    private static int inRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(key, "must be between " + min + " and " + max, value);
        }
        return value;
    }

    private static void positive(String key, Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw invalid(key, "must be a duration above 0", value);
        }
    }

    /** "0.1s", as service configs write durations. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }

    private static IllegalArgumentException invalid(String key, String rule, Object value) {
        return new IllegalArgumentException(key + " " + rule + ", was '" + value + "'");
    }
}
