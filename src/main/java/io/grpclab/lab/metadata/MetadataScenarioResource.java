package io.grpclab.lab.metadata;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.echo.ReceivedMetadata;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.edge.Problem;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.FailureCode;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.MetadataValues;
import io.grpclab.grpc.SensitiveMetadata;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.clients.EchoClient;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code GET /demo/metadata}: the seed's second example. Echo with {@code client-custom-header:
 * client-value} plus one entry per {@code Grpc-Metadata-<key>} request header; the report shows what was
 * sent, what the server received, and the response headers and trailers (failed calls included).
 */
@Path("/demo/metadata")
@Tag(name = ApiDocs.DEMO_TAG)
public class MetadataScenarioResource {

    static final Metadata.Key<String> CLIENT_CUSTOM_HEADER = MetadataValues.asciiKey("client-custom-header");
    private static final long DEADLINE_MS = 5000;

    private final EchoClient echo;
    private final HttpToGrpc gateway;
    private final GatewayChannel channel;

    MetadataScenarioResource(EchoClient echo, HttpToGrpc gateway, GatewayChannel channel) {
        this.echo = echo;
        this.gateway = gateway;
        this.channel = channel;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "Request metadata goes in, headers and trailers come out, and the stack adds some of its own.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a failure's trailers\", \"query\": \"failWith=PERMISSION_DENIED\"}]", parseValue = true)
    @Operation(summary = "Metadata in, headers and trailers out", description = "Echo with client-custom-header: "
            + "client-value plus one metadata entry per Grpc-Metadata-<key> request header (-bin values base64). Shows "
            + "what was sent, what the server received, the response headers and the trailers.")
    @Parameter(name = "Grpc-Metadata-tenant", in = ParameterIn.HEADER, description = "an example: each "
            + "Grpc-Metadata-<key> header becomes request metadata <key> (gRPC's key rules, 8 KiB of metadata in all)", example = "acme")
    @Parameter(name = "Grpc-Metadata-trace-bin", in = ParameterIn.HEADER, description = "an example of binary "
            + "metadata: a key ending in -bin carries bytes, written here in base64", example = "AAEC/w==")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = MetadataReport.class)))
    @APIResponse(responseCode = "431", description = "The Grpc-Metadata-* headers exceed lab.gateway.max-metadata-size", content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<MetadataReport> run(
            @QueryParam("failWith") @FailureCode @Parameter(description = "make the call fail with this gRPC status, to "
                    + "see the trailers of a failed call", example = "NOT_FOUND") Status.Code failWith,
            @Context HttpServerRequest http) {
        Metadata sent = gateway.demoMetadata(http);
        sent.put(CLIENT_CUSTOM_HEADER, "client-value");
        sent.put(FaultKnobs.ECHO_METADATA, "true");
        if (failWith != null) {
            sent.put(FaultKnobs.FAIL_ATTEMPTS, "1");
            sent.put(FaultKnobs.FAIL_CODE, failWith.name());
        }
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("failWith", failWith == null ? null : failWith.name());
        // Described before the call: grpc-java adds its own entries (grpc-timeout, ...) to the object it sends.
        Map<String, Object> sentShown = SensitiveMetadata.describe(sent);
        return echo.echo("Hello, gRPC!", Deadline.after(DEADLINE_MS, TimeUnit.MILLISECONDS), sent)
                .map(result -> report(parameters, sentShown, result));
    }

    private MetadataReport report(Map<String, Object> parameters, Map<String, Object> sentShown,
            CallResult<?> result) {
        Map<String, Object> received = SensitiveMetadata.describe(ReceivedMetadata.readFrom(result.trailers()));
        List<String> added = received.keySet().stream().filter(key -> !sentShown.containsKey(key)).toList();
        MetadataReport.Exchange exchange = new MetadataReport.Exchange(sentShown, received,
                SensitiveMetadata.describe(result.headers()),
                SensitiveMetadata.describe(ReceivedMetadata.withoutEcho(result.trailers())));
        return new MetadataReport("metadata", parameters, Outcome.of(result), result.elapsedMillis(), exchange,
                added, channel.summary());
    }
}
