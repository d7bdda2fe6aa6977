package io.grpclab.echo;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Metadata;
import io.grpclab.grpc.MetadataValues;
import io.quarkus.runtime.Startup;

/**
 * Decides how long one Echo attempt waits: x-echo-delay-ms when the call sends it, else lab.echo.delay; with
 * x-echo-delay-attempts, only that many first attempts wait (a slow first attempt for hedging).
 */
@Startup // validates lab.echo.delay at boot
@ApplicationScoped
public class EchoDelay {

    public static final Metadata.Key<String> DELAY_MS = MetadataValues.asciiKey("x-echo-delay-ms");
    /** Only the first N attempts of the call wait (1..100); later retries or hedges answer at once. */
    public static final Metadata.Key<String> DELAY_ATTEMPTS = MetadataValues.asciiKey("x-echo-delay-attempts");

    private final Duration configured;

    EchoDelay(EchoConfig config) {
        this.configured = config.delay();
        if (configured.isNegative() || configured.compareTo(EchoConfig.MAX_DELAY) > 0) {
            throw new IllegalArgumentException("lab.echo.delay must be between 0s and " + EchoConfig.MAX_DELAY.toSeconds()
                    + "s, was " + configured);
        }
    }

    /**
     * @param attempt this attempt's number (1 for the first)
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when x-echo-delay-ms is not in 0..30000 or
     *         x-echo-delay-attempts not in 1..100
     */
    public Duration forCall(Metadata headers, int attempt) {
        long millis = MetadataValues.longInRange(headers, DELAY_MS, configured.toMillis(), 0,
                EchoConfig.MAX_DELAY.toMillis());
        long delayedAttempts = MetadataValues.longInRange(headers, DELAY_ATTEMPTS, Integer.MAX_VALUE, 1, 100);
        return attempt > delayedAttempts ? Duration.ZERO : Duration.ofMillis(millis);
    }

    public Duration configured() {
        return configured;
    }
}
