package io.grpclab.echo;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpclab.gateway.Problem;
import io.grpclab.gateway.ApiDocs;
import io.grpclab.gateway.Gateway;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /api/echo}: EchoService.Echo through the gateway, JSON in and out (proto3 JSON names). */
@Path("/api/echo")
@Tag(name = ApiDocs.GATEWAY_TAG)
public class EchoApiResource {

    static final String PATH = "/api/echo";

    /** The request and the answer: EchoRequest and EchoResponse in proto3 JSON. */
    public record EchoMessage(@NotNull @Size(max = 4096) String echoMessage) {
    }

    private final EchoClient client;
    private final Gateway gateway;

    EchoApiResource(EchoClient client, Gateway gateway) {
        this.client = client;
        this.gateway = gateway;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "EchoService.Echo through the gateway", description = "JSON in and out, proto3 JSON names; "
            + "the lab channel retries UNAVAILABLE by the retry policy. " + ApiDocs.DEADLINE_HEADERS)
    @Parameter(name = "X-Request-Timeout", in = ParameterIn.HEADER, description = "the deadline in ms",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "60000"), example = "500")
    @Parameter(name = "grpc-timeout", in = ParameterIn.HEADER, description = "the deadline in gRPC's format",
            example = "500m")
    @Parameter(name = "Grpc-Metadata-x-echo-delay-ms", in = ParameterIn.HEADER,
            description = "an example of metadata: how long Echo waits (0..30000)")
    @APIResponse(responseCode = "200", description = "the answer", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = EchoMessage.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404",
            description = "NOT_FOUND (and other google.rpc mappings: 403, 409, 429, 499, 500, 501)",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "431", description = "the Grpc-Metadata-* headers exceed lab.gateway.max-metadata-size",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503",
            description = "UNAVAILABLE after the retries; Retry-After when the server pushed back",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "504", description = "DEADLINE_EXCEEDED",
            content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<EchoMessage> echo(@Valid @NotNull EchoMessage body, @Context HttpServerRequest request) {
        Gateway.CallSettings call = gateway.callSettings(request);
        return client.echo(body.echoMessage(), call.deadline(), call.metadata(), result -> gateway.answer(result,
                reply -> new EchoMessage(reply.getEchoMessage()), PATH, request.response()));
    }
}
