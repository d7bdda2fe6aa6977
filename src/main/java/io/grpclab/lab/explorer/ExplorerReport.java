package io.grpclab.lab.explorer;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.metadata.MetadataReport;
import io.grpclab.lab.trace.AttemptTrace;

/**
 * What one explorer call did.
 *
 * @param method the full method name, {@code Service/Method}
 * @param type UNARY, SERVER_STREAMING, CLIENT_STREAMING or BIDI_STREAMING
 * @param policy the retry or hedging policy the picked channel applied to this method; absent for none
 * @param requests the request messages sent, in proto3 JSON
 * @param responses the response messages, each with when it came (the first {@value ExplorerCall#MAX_MESSAGES})
 * @param responsesReceived how many came in all
 * @param attempts every attempt grpc-java made, traced below its retry and hedging
 * @param metadata the metadata both ways; serverReceived only where the method reports it (Echo, when asked)
 * @param statusDetails the failure's google.rpc details, in proto3 JSON
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExplorerReport(String scenario, String method, String type, Map<String, Object> parameters,
        Map<String, Object> policy, Outcome outcome, long elapsedMs, List<JsonNode> requests, List<Response> responses,
        int responsesReceived, List<AttemptTrace.Attempt> attempts, MetadataReport.Exchange metadata,
        List<JsonNode> statusDetails,
        String explanation, GatewayChannel.Summary config) {

    public record Response(long atMs, JsonNode message) {
    }
}
