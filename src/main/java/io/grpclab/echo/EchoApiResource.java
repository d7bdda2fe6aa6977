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
import jakarta.ws.rs.core.Response;

import io.grpclab.gateway.Gateway;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/** {@code POST /api/echo}: EchoService.Echo through the gateway, JSON in and out (proto3 JSON names). */
@Path("/api/echo")
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
    public Uni<Response> echo(@Valid @NotNull EchoMessage body, @Context HttpServerRequest request) {
        Gateway.CallSettings call = gateway.callSettings(request);
        return client.echo(body.echoMessage(), call.deadline(), call.metadata())
                .map(result -> gateway.respond(result, reply -> new EchoMessage(reply.getEchoMessage()), PATH));
    }
}
