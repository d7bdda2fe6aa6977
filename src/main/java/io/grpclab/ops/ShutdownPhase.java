package io.grpclab.ops;

import java.time.Duration;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;

/**
 * When the app stops taking new work. On SIGTERM Quarkus first reports readiness DOWN and keeps serving for
 * {@code quarkus.shutdown.delay} (load balancers notice), then drains HTTP requests in flight, then fires
 * {@link ShutdownEvent}. New requests and calls are refused from the end of that delay; without a delay, from
 * the shutdown event.
 */
@Singleton
class ShutdownPhase {

    private final Duration delay;
    private volatile Long refuseFromNanos;

    ShutdownPhase(@ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> delay) {
        this.delay = delay.orElse(Duration.ZERO);
    }

    /** True once new HTTP requests and gRPC calls must be refused. */
    public boolean refusingNewWork() {
        Long from = refuseFromNanos;
        return from != null && System.nanoTime() - from >= 0;
    }

    void delayStarted(@Observes ShutdownDelayInitiatedEvent event) {
        refuseFromNanos = System.nanoTime() + delay.toNanos();
    }

    void shuttingDown(@Observes @Priority(0) ShutdownEvent event) {
        refuseFromNanos = System.nanoTime();
    }
}
