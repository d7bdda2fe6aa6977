package io.grpclab.retry;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The hedging policy (gRFC A6) of the gateway's {@code hedging} channel, for every method. */
@ConfigMapping(prefix = "lab.hedging")
public interface HedgingConfig {

    /** Attempts in all, sent {@link #delay()} apart until one answers (2..100). */
    @WithDefault("3")
    int maxAttempts();

    /** Time between hedged attempts. */
    @WithDefault("0.2s")
    Duration delay();

    /** Status names that let the next hedge go ahead instead of failing the call. */
    @WithDefault("UNAVAILABLE")
    List<String> nonFatalStatusCodes();
}
