package io.grpclab.lab.network;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.grpclab.edge.Problem;

/**
 * Every listener a run may open ({@code lab.network.max-listeners}) is in use: the run is refused with 503 and a
 * Retry-After, as a server at capacity says it. Nothing in the request was wrong, so it is not a 400 naming a
 * parameter.
 */
public class NetworkRunsBusyException extends RuntimeException {

    /** About how long a network run lasts: when trying again may find a listener free. */
    private static final String RETRY_AFTER_SECONDS = "5";

    NetworkRunsBusyException(int listeners) {
        super(listeners + " network runs are in progress, as many as lab.network.max-listeners allows; try again "
                + "when one has ended", null, false, false);
    }

    /** The mapper of this exception. */
    public static class Mapper {

        @ServerExceptionMapper
        public Response busy(NetworkRunsBusyException e, UriInfo uri) {
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", RETRY_AFTER_SECONDS)
                    .entity(new Problem("urn:grpclab:problem:network-runs-busy", "Service Unavailable", 503,
                            e.getMessage(), uri.getPath(), null, null))
                    .build();
        }
    }
}
