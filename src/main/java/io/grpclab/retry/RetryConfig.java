package io.grpclab.retry;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.hibernate.validator.constraints.time.DurationMin;

import io.grpc.Status;
import io.grpclab.grpc.FailureCode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The retry policy (gRFC A6) of the gateway's {@code lab} channel, for every method; the seed's policy by
 * default. Its bounds are checked at start-up (a bad value stops the app naming its key); {@link ServiceConfigs}
 * turns it into the channel's service config.
 */
@ConfigMapping(prefix = "lab.retry")
public interface RetryConfig {

    /** Attempts in all, the first included (2..100); the channel caps it at its max-retry-attempts. */
    @WithDefault("10")
    @Min(2)
    @Max(100)
    int maxAttempts();

    /** The first backoff's upper bound; each backoff is random between 0 and its bound. */
    @WithDefault("0.1s")
    @DurationMin(nanos = 1)
    Duration initialBackoff();

    /** The largest backoff bound. */
    @WithDefault("1s")
    @DurationMin(nanos = 1)
    Duration maxBackoff();

    /** How much the bound grows after each attempt (above 0, at most 1000). */
    @WithDefault("2.0")
    @DecimalMin(value = "0", inclusive = false)
    @DecimalMax("1000")
    double backoffMultiplier();

    /** The statuses that are retried (names, such as UNAVAILABLE; not OK). */
    @WithDefault("UNAVAILABLE")
    @NotEmpty
    List<Status.@FailureCode Code> retryableStatusCodes();

    /** Retry throttling; unset means none. */
    Throttling throttling();

    /**
     * The most gRPC attempts one gateway request may cause when application-level retries (SmallRye Fault
     * Tolerance) wrap gRPC retries: attempts at one level times attempts at the other. Above it, start-up
     * warns and /demo/config says so.
     */
    @WithDefault("10")
    @Min(1)
    @Max(10_000)
    int amplificationBound();

    interface Throttling {
        /** Tokens in the bucket (1..1000); each failed attempt takes one, retries stop at half or below. */
        @Min(1)
        @Max(1000)
        OptionalInt maxTokens();

        /** Tokens each success gives back (above 0, at most 1). */
        @DecimalMin(value = "0", inclusive = false)
        @DecimalMax("1")
        OptionalDouble tokenRatio();
    }
}
