package io.grpclab.retry;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The retry policy (gRFC A6) of the gateway's {@code lab} channel, for every method; the seed's policy by
 * default. {@link ServiceConfigs} validates it at start-up and turns it into the channel's service config.
 */
@ConfigMapping(prefix = "lab.retry")
public interface RetryConfig {

    /** Attempts in all, the first included (2..100); the channel caps it at its max-retry-attempts. */
    @WithDefault("10")
    int maxAttempts();

    /** The first backoff's upper bound; each backoff is random between 0 and its bound. */
    @WithDefault("0.1s")
    Duration initialBackoff();

    /** The largest backoff bound. */
    @WithDefault("1s")
    Duration maxBackoff();

    /** How much the bound grows after each attempt (above 0). */
    @WithDefault("2.0")
    double backoffMultiplier();

    /** Status names that are retried. */
    @WithDefault("UNAVAILABLE")
    List<String> retryableStatusCodes();

    /** Retry throttling; unset means none. */
    Throttling throttling();

    /**
     * The most gRPC attempts one gateway request may cause when application-level retries (SmallRye Fault
     * Tolerance) wrap gRPC retries: attempts at one level times attempts at the other. Above it, start-up
     * warns and /demo/config says so.
     */
    @WithDefault("10")
    int amplificationBound();

    interface Throttling {
        /** Tokens in the bucket (1..1000); each failed attempt takes one, retries stop at half or below. */
        OptionalInt maxTokens();

        /** Tokens each success gives back (above 0, at most 1). */
        OptionalDouble tokenRatio();
    }
}
