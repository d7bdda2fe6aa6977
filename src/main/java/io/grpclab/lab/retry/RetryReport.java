package io.grpclab.lab.retry;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;

/**
 * What {@code GET /demo/retry} saw.
 *
 * @param policy the retry policy the channel applied
 * @param throttling the retry throttling of the run, when there was one
 * @param effectiveMaxAttempts the policy's maxAttempts as the channel caps it (max-retry-attempts)
 * @param attempts every attempt grpc-java made, traced below its retry machinery
 * @param backoff each measured wait against the policy
 * @param server the attempts the server answered, against the client's
 * @param stoppedBecause why no further attempt was made; absent when the call succeeded
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RetryReport(String scenario, Map<String, Object> parameters, ServiceConfigs.RetryPolicy policy,
        ServiceConfigs.Throttling throttling, int effectiveMaxAttempts, Outcome outcome, long elapsedMs,
        List<AttemptTrace.Attempt> attempts, BackoffCheck.Backoff backoff, RetryVerdict.ServerCheck server,
        String stoppedBecause, GatewayChannel.Summary config) {
}
