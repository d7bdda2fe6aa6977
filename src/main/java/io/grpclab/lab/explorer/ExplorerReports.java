package io.grpclab.lab.explorer;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.echo.ReceivedMetadata;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.SensitiveMetadata;
import io.grpclab.grpc.StatusText;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.metadata.MetadataReport;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.transcoding.StatusDetails;

/** An explorer call's report, built from what the call did. */
final class ExplorerReports {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();

    /** What was sent, described before grpc-java adds its own entries (grpc-timeout, ...) to the metadata. */
    record Sent(Map<String, Object> metadata, List<JsonNode> requests) {
    }

    private ExplorerReports() {
    }

    static Sent sent(Metadata headers, List<DynamicMessage> requests) {
        return new Sent(SensitiveMetadata.describe(headers), requests.stream().map(ExplorerReports::json).toList());
    }

    static ExplorerReport of(String method, String type, Map<String, Object> parameters, Map<String, Object> policy,
            Sent sent, ExplorerCall.Result result, List<AttemptTrace.Attempt> attempts, GatewayChannel.Summary config) {
        Status status = result.status();
        Metadata received = ReceivedMetadata.readFrom(result.trailers());
        MetadataReport.Exchange exchange = new MetadataReport.Exchange(sent.metadata(),
                received.keys().isEmpty() ? null : SensitiveMetadata.describe(received),
                SensitiveMetadata.describe(result.headers()),
                SensitiveMetadata.describe(ReceivedMetadata.withoutEcho(result.trailers())));
        List<JsonNode> details = StatusDetails.asJson(status, result.trailers()).stream().map(ExplorerReports::json)
                .toList();
        return new ExplorerReport("explorer", method, type, parameters, policy,
                new Outcome(status.getCode().name(), StatusText.forCaller(status, result.trailers())),
                result.elapsedMs(), sent.requests(),
                result.messages().stream().map(m -> new ExplorerReport.Response(m.atMs(), json(m.message()))).toList(),
                result.messagesReceived(), attempts, exchange, details.isEmpty() ? null : details,
                explanation(policy, status, attempts, result), config);
    }

    /** What to notice in this run, from what happened in it. */
    static String explanation(Map<String, Object> policy, Status status, List<AttemptTrace.Attempt> attempts,
            ExplorerCall.Result result) {
        long failed = attempts.stream().filter(a -> !a.status().equals("OK") && !a.status().equals("CANCELLED"))
                .count();
        String how = policy == null ? "This channel neither retries nor hedges"
                : policy.containsKey("hedging") ? "This channel hedges" : "This channel retries";
        String ended = status.isOk() ? "answered OK"
                : "ended " + status.getCode().name()
                        + (result.deadlinePassed() ? " with its deadline passed" : "");
        String tries = attempts.size() == 1 ? "in one attempt"
                : "after " + attempts.size() + " attempts, " + failed + " of them failed";
        String stream = result.messagesReceived() > 1 ? "; " + result.messagesReceived()
                + " messages came, the last " + result.messages().get(result.messages().size() - 1).atMs()
                + " ms in" : "";
        return how + ": the call " + ended + " " + tries + stream + ".";
    }

    private static JsonNode json(Message message) {
        try {
            return JSON.readTree(PRINTER.print(message));
        } catch (InvalidProtocolBufferException | JsonProcessingException e) {
            throw new IllegalStateException("a message that protobuf cannot print as JSON", e);
        }
    }

    private static JsonNode json(String printed) {
        try {
            return JSON.readTree(printed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
