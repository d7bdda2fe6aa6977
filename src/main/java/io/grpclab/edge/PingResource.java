package io.grpclab.edge;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.NonBlocking;

/** The baseline of the benchmarks: plain REST on the event loop, no gRPC. */
@Path("/api/ping")
@Tag(name = ApiDocs.GATEWAY_TAG)
public class PingResource {

    /** The answer; a record so Jackson writes {"status":"pong"}. */
    public record Pong(String status) {
    }

    private static final Pong PONG = new Pong("pong");

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Plain REST, no gRPC", description = "The baseline of the benchmarks.")
    public Pong ping() {
        return PONG;
    }
}
