package io.grpclab.lab.faulttolerance;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/** Records the state changes of the gateway's circuit breaker as SmallRye Fault Tolerance reports them. */
@ApplicationScoped
class BreakerWatch {

    private static final int REMEMBERED = 100;

    /** One state change. */
    public record Transition(Instant at, String to) {
    }

    private final Deque<Transition> transitions = new ArrayDeque<>();
    private final CircuitBreakerMaintenance maintenance;
    private final MeterRegistry registry;

    BreakerWatch(CircuitBreakerMaintenance maintenance, MeterRegistry registry) {
        this.maintenance = maintenance;
        this.registry = registry;
    }

    /**
     * Records the breaker's changes, and publishes its state as {@code lab_circuit_breaker_state{name, method}}:
     * 0 closed, 1 half-open, 2 open.
     */
    void watch(@Observes StartupEvent started) {
        maintenance.onStateChange(FaultTolerantEcho.BREAKER, this::record);
        Gauge.builder("lab.circuit.breaker.state", () -> switch (maintenance.currentState(FaultTolerantEcho.BREAKER)) {
            case CLOSED -> 0;
            case HALF_OPEN -> 1;
            case OPEN -> 2;
        }).description("the gateway's circuit breaker: 0 closed, 1 half-open, 2 open")
                .tag("name", FaultTolerantEcho.BREAKER).tag("method", "EchoService/Echo").register(registry);
    }

    private synchronized void record(CircuitBreakerState state) {
        transitions.addLast(new Transition(Instant.now(), state.name()));
        if (transitions.size() > REMEMBERED) {
            transitions.removeFirst();
        }
    }

    /** Closes the breaker and forgets its history (its state changes stay recorded). */
    public void reset() {
        maintenance.reset(FaultTolerantEcho.BREAKER);
    }

    public String state() {
        return maintenance.currentState(FaultTolerantEcho.BREAKER).name();
    }

    /** The changes at or after {@code since}. */
    public synchronized List<Transition> since(Instant since) {
        List<Transition> recent = new ArrayList<>();
        transitions.stream().filter(t -> !t.at().isBefore(since)).forEach(recent::add);
        return recent;
    }
}
