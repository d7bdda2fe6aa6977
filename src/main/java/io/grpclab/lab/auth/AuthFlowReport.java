package io.grpclab.lab.auth;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;

/**
 * What a {@code POST /demo/auth/*} flow saw.
 *
 * @param usersConfigured whether the server has any user (production ships none)
 * @param note what to do when the flow could not log in
 * @param outcome OK when every step ended as the scheme says it should
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuthFlowReport(String scenario, Map<String, Object> parameters, boolean usersConfigured, String note,
        List<AuthFlow.Step> steps, Outcome outcome, long elapsedMs, GatewayChannel.Summary config) {
}
