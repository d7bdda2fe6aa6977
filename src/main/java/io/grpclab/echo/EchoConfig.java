package io.grpclab.echo;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the Echo service. */
@ConfigMapping(prefix = "lab.echo")
public interface EchoConfig {

    /** The longest wait a call may ask for with x-echo-delay-ms, and the bound of {@link #delay()}. */
    int MAX_DELAY_MS = 30_000;
    Duration MAX_DELAY = Duration.ofMillis(MAX_DELAY_MS);

    /**
     * How long Echo waits before answering when the call does not say (the seed waits 2 s).
     * Between 0 and 30 s.
     */
    @WithDefault("0s")
    @DurationMin(millis = 0)
    @DurationMax(millis = MAX_DELAY_MS)
    Duration delay();
}
