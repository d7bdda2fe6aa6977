package io.grpclab.lab.faulttolerance;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;

/**
 * What {@code GET /demo/fault-tolerance} saw.
 *
 * @param answeredBy {@code service} or {@code fallback}
 * @param outcome how the last gRPC call ended (absent when none was made: breaker open, bulkhead full)
 * @param appAttempts SmallRye Fault Tolerance's attempts, each with the gRPC attempts inside it
 * @param grpcAttempts gRPC attempts in all: what the server received
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultToleranceReport(String scenario, Map<String, Object> parameters,
        FaultToleranceSettings.Settings settings, FaultToleranceSettings.Amplification amplification,
        String answeredBy, String answer, String fallbackReason, Outcome outcome, long elapsedMs,
        List<FtRun.AppAttempt> appAttempts, int grpcAttempts, Breaker circuitBreaker, GatewayChannel.Summary config) {

    /** The circuit breaker before and after the run, and its changes during it. */
    public record Breaker(String name, String before, String after, List<BreakerWatch.Transition> transitions) {
    }
}
