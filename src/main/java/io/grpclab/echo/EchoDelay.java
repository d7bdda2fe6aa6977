package io.grpclab.echo;

import java.time.Duration;

import jakarta.inject.Singleton;

import io.grpc.Metadata;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.MetadataValues;

/**
 * Decides how long one Echo attempt waits: x-echo-delay-ms when the call sends it, else lab.echo.delay; with
 * x-echo-delay-attempts, only that many first attempts wait (a slow first attempt for hedging).
 */
@Singleton
public class EchoDelay {

    private final Duration configured;

    EchoDelay(EchoConfig config) {
        this.configured = config.delay();
    }

    /**
     * @param attempt this attempt's number (1 for the first)
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when x-echo-delay-ms is not in 0..30000 or
     *         x-echo-delay-attempts not in 1..100
     */
    public Duration forCall(Metadata headers, int attempt) {
        long millis = MetadataValues.longInRange(headers, FaultKnobs.ECHO_DELAY_MS, configured.toMillis(), 0,
                EchoConfig.MAX_DELAY.toMillis());
        long delayedAttempts = MetadataValues.longInRange(headers, FaultKnobs.ECHO_DELAY_ATTEMPTS,
                Integer.MAX_VALUE, 1, 100);
        return attempt > delayedAttempts ? Duration.ZERO : Duration.ofMillis(millis);
    }

    public Duration configured() {
        return configured;
    }
}
