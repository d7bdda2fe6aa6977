package io.grpclab.lab.hedging;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;

/**
 * What {@code GET /demo/hedging} saw.
 *
 * @param policy the hedging policy the channel applied
 * @param effectiveMaxAttempts the policy's maxAttempts as the channel caps it (max-hedged-attempts)
 * @param attempts every attempt sent, traced below grpc-java's hedging
 * @param winner the attempt whose answer the call returned; absent when none answered
 * @param serverWaits how each slow attempt's wait ended on the server (CANCELLED: the client dropped the
 *        losing hedge)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HedgingReport(String scenario, Map<String, Object> parameters, ServiceConfigs.HedgingPolicy policy,
        int effectiveMaxAttempts, Outcome outcome, long elapsedMs, List<AttemptTrace.Attempt> attempts, Integer winner,
        List<ServerWait> serverWaits, String explanation, GatewayChannel.Summary config) {

    /** The server's record of one attempt's wait. */
    public record ServerWait(int attempt, String ended, Long afterMs) {
    }
}
