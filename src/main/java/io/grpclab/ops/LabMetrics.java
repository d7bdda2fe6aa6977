package io.grpclab.ops;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.inject.Singleton;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The lab's own counters, next to the gRPC and HTTP metrics Quarkus records: what the retry machinery and the
 * security layer did, with the gRPC method as a tag. Exposed at {@code /q/metrics} (Prometheus).
 */
@Singleton
public class LabMetrics {

    /** Attempt kinds: the first, a retry, a hedge, or a transparent retry grpc-java made on its own. */
    public enum AttemptKind {
        FIRST,
        RETRY,
        HEDGE,
        TRANSPARENT
    }

    private final MeterRegistry registry;
    /** A client method's counters, registered at its first call: every gateway call counts, so no lookup per call. */
    private final ConcurrentMap<String, ClientCounters> clientCounters = new ConcurrentHashMap<>();

    LabMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Every attempt a client call made: {@code lab_grpc_client_attempts_total{method, kind}}. */
    public void attempt(String method, AttemptKind kind) {
        ClientCounters counters = clientCounters(method);
        counters.attempts().get(kind).increment();
        if (kind == AttemptKind.RETRY) {
            counters.retries().increment();
        } else if (kind == AttemptKind.HEDGE) {
            counters.hedges().increment();
        }
    }

    /** A client call that ended DEADLINE_EXCEEDED: {@code lab_grpc_client_deadline_exceeded_total{method}}. */
    public void deadlineExceeded(String method) {
        clientCounters(method).deadlineExceeded().increment();
    }

    /** A refused authentication: {@code lab_auth_failures_total{method, mechanism}}. */
    public void authFailure(String method, String mechanism) {
        counter("lab.auth.failures", "refused authentications, by mechanism (none: no credentials)", method,
                "mechanism", mechanism).increment();
    }

    private ClientCounters clientCounters(String method) {
        return clientCounters.computeIfAbsent(method, this::registerClientCounters);
    }

    private ClientCounters registerClientCounters(String method) {
        Map<AttemptKind, Counter> attempts = new EnumMap<>(AttemptKind.class);
        for (AttemptKind kind : AttemptKind.values()) {
            attempts.put(kind, counter("lab.grpc.client.attempts", "every attempt of a gateway gRPC call, by kind",
                    method, "kind", kind.name().toLowerCase(Locale.ROOT)));
        }
        return new ClientCounters(attempts,
                counter("lab.grpc.client.retries", "retries grpc-java made under the retry policy", method, null, null),
                counter("lab.grpc.client.hedges", "hedged attempts grpc-java sent under the hedging policy", method,
                        null, null),
                counter("lab.grpc.client.deadline.exceeded", "gateway gRPC calls that ran out of time", method,
                        null, null));
    }

    private Counter counter(String name, String description, String method, String tag, String value) {
        Counter.Builder builder = Counter.builder(name).description(description).tag("method", method);
        if (tag != null) {
            builder.tag(tag, value);
        }
        return builder.register(registry);
    }

    private record ClientCounters(Map<AttemptKind, Counter> attempts, Counter retries, Counter hedges,
            Counter deadlineExceeded) {
    }
}
