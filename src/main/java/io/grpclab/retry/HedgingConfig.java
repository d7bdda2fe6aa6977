package io.grpclab.retry;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;

import org.hibernate.validator.constraints.time.DurationMin;

import io.grpc.Status;
import io.grpclab.grpc.FailureCode;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The hedging policy (gRFC A6): the gateway's {@code hedging} channel's for every method, and the {@code lab}
 * channel's for the methods in {@link #gatewayMethods()}.
 */
@ConfigMapping(prefix = "lab.hedging")
public interface HedgingConfig {

    /** Attempts in all, sent {@link #delay()} apart until one answers (2..100). */
    @WithDefault("3")
    @Min(2)
    @Max(100)
    int maxAttempts();

    /** Time between hedged attempts. */
    @WithDefault("0.2s")
    @DurationMin(nanos = 1)
    Duration delay();

    /** Status names that let the next hedge go ahead instead of failing the call. */
    @WithDefault("UNAVAILABLE")
    @NotEmpty
    List<Status.@FailureCode Code> nonFatalStatusCodes();

    /**
     * Methods the gateway's own channel ({@code lab}) hedges with this policy instead of retrying: {@code Service/Method}
     * or {@code Service}, full names with their proto package (such as {@code EchoService/Echo}). None by default:
     * hedge only what is safe to run twice.
     */
    Optional<List<@Pattern(regexp = "[A-Za-z_][\\w.]*(/[A-Za-z_]\\w*)?", message = "must be Service or Service/Method") String>> gatewayMethods();
}
