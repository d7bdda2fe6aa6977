package io.grpclab.ops;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.grpclab.gateway.Problem;

/**
 * Refuses new REST requests with 503 problem+json once the app is shutting down, while the requests already in
 * flight finish. Quarkus alone keeps answering new requests until the very end, only adding
 * {@code Connection: close}. Health and metrics are not REST endpoints and keep answering: readiness says DOWN.
 */
public class HttpDrain {

    private final ShutdownPhase phase;

    HttpDrain(ShutdownPhase phase) {
        this.phase = phase;
    }

    @ServerRequestFilter(preMatching = true, priority = 1)
    public Response refuseWhenShuttingDown(UriInfo uri) {
        if (!phase.refusingNewWork()) {
            return null;
        }
        return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:grpclab:problem:shutting-down", "Service Unavailable", 503,
                        "the server is shutting down; try another instance", uri.getPath(), null, null))
                .build();
    }
}
