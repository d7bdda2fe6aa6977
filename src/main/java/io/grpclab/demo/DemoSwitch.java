package io.grpclab.demo;

import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.grpclab.gateway.Problem;
import io.vertx.core.http.HttpServerRequest;

/** Answers every {@code /demo} path with 404 problem+json, saying how to turn them on, while {@code lab.demo.enabled} is off. */
public class DemoSwitch {

    static final String DETAIL = "the lab's /demo scenarios are off in this profile; turn them on with "
            + DemoConfig.SWITCH + "=true, or run the lab profile (-Dquarkus.profile=lab), see README \"Running in production\"";

    private final boolean enabled;

    DemoSwitch(DemoConfig config) {
        this.enabled = config.enabled();
    }

    @ServerRequestFilter(preMatching = true)
    public Response refuseWhenOff(HttpServerRequest request) {
        if (enabled || !isDemo(request.path())) {
            return null;
        }
        return Response.status(Response.Status.NOT_FOUND).type(Problem.MEDIA_TYPE)
                .entity(new Problem("urn:grpclab:problem:demo-disabled", "Not Found", 404, DETAIL, request.path(), null,
                        null))
                .build();
    }

    static boolean isDemo(String path) {
        return path != null && path.startsWith("/demo") && (path.length() == 5 || path.charAt(5) == '/');
    }
}
