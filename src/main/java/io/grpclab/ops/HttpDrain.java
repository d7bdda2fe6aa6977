package io.grpclab.ops;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.grpclab.edge.Problem;
import io.grpclab.edge.ProblemResponses;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses new HTTP requests with 503 problem+json once the app is shutting down, while the requests already in
 * flight finish: the gateway's routes and the {@code /demo} resources alike (a Vert.x route before both). Quarkus alone
 * keeps answering new requests until the very end, only adding {@code Connection: close}. Health and metrics (under
 * {@code /q/}, on the management port in prod) keep answering: readiness says DOWN.
 */
@Singleton
class HttpDrain {

    private final ShutdownPhase phase;
    private final ProblemResponses problems;

    HttpDrain(ShutdownPhase phase, ProblemResponses problems) {
        this.phase = phase;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        // first of the gateway's own routes: during shutdown nothing else needs to look at the request
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 3).handler(this::refuseWhenShuttingDown);
    }

    private void refuseWhenShuttingDown(RoutingContext context) {
        // the normalized path: /q/../api/ping must not pass for /q/
        if (!phase.refusingNewWork() || context.normalizedPath().startsWith("/q/")) {
            context.next();
            return;
        }
        problems.send(context, new Problem("urn:grpclab:problem:shutting-down", "Service Unavailable", 503,
                "the server is shutting down; try another instance", context.request().path(), null, null));
    }
}
