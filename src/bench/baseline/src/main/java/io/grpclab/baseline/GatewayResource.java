package io.grpclab.baseline;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.MutinyEchoServiceGrpc;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** The REST side of a quickstart gateway: JSON in, the Mutiny stub, JSON out. */
@Path("/api")
public class GatewayResource {

    public record EchoMessage(String echoMessage) {
    }

    public record Pong(String status) {
    }

    private static final Pong PONG = new Pong("pong");

    @GrpcClient("echo")
    MutinyEchoServiceGrpc.MutinyEchoServiceStub echo;

    @GET
    @Path("/ping")
    public Pong ping() {
        return PONG;
    }

    @POST
    @Path("/echo")
    public Uni<EchoMessage> echo(EchoMessage body) {
        return echo.echo(EchoRequest.newBuilder().setEchoMessage(body.echoMessage()).build())
                .map(reply -> new EchoMessage(reply.getEchoMessage()));
    }
}
