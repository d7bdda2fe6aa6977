package io.grpclab.hello;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
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

/** {@code POST /api/hello}: ExampleService.SayHello through the gateway, JSON in and out (proto3 JSON names). */
@Path("/api/hello")
@Tag(name = ApiDocs.GATEWAY_TAG)
public class HelloApiResource {

    static final String PATH = "/api/hello";

    /** HelloRequest in proto3 JSON. */
    public record HelloBody(@NotBlank @Size(max = 256) String name) {
    }

    /** HelloReply in proto3 JSON. */
    public record HelloAnswer(String replyMessage) {
    }

    private final HelloClient client;
    private final Gateway gateway;

    HelloApiResource(HelloClient client, Gateway gateway) {
        this.client = client;
        this.gateway = gateway;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "ExampleService.SayHello through the gateway", description = "JSON in and out, "
            + "proto3 JSON names; the lab channel retries UNAVAILABLE by the retry policy. " + ApiDocs.DEADLINE_HEADERS)
    @Parameter(name = "X-Request-Timeout", in = ParameterIn.HEADER, description = "the deadline in ms",
            schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "60000"), example = "500")
    @Parameter(name = "grpc-timeout", in = ParameterIn.HEADER, description = "the deadline in gRPC's format",
            example = "500m")
    @Parameter(name = "Grpc-Metadata-x-fail-attempts", in = ParameterIn.HEADER, description = "an example of metadata: "
            + "SayHello fails the first N attempts (0..100), which the channel retries", example = "2")
    @APIResponse(responseCode = "200", description = "the answer", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = HelloAnswer.class)))
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
    public Uni<HelloAnswer> sayHello(@Valid @NotNull HelloBody body, @Context HttpServerRequest request) {
        Gateway.CallSettings call = gateway.callSettings(request);
        return client.sayHello(body.name(), call.deadline(), call.metadata(), result -> gateway.answer(result,
                reply -> new HelloAnswer(reply.getReplyMessage()), PATH, request.response()));
    }
}
