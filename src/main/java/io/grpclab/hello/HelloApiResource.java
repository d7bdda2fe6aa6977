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
import jakarta.ws.rs.core.Response;

import io.grpclab.gateway.Gateway;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /api/hello}: ExampleService.SayHello through the gateway, JSON in and out (proto3 JSON names). */
@Path("/api/hello")
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
    public Uni<Response> sayHello(@Valid @NotNull HelloBody body, @Context HttpServerRequest request) {
        Gateway.CallSettings call = gateway.callSettings(request);
        return client.sayHello(body.name(), call.deadline(), call.metadata())
                .map(result -> gateway.respond(result, reply -> new HelloAnswer(reply.getReplyMessage()), PATH));
    }
}
