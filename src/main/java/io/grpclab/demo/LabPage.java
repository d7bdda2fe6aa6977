package io.grpclab.demo;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.grpclab.gateway.ProblemResponses;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The lab page: static files under META-INF/resources/lab (no build step: plain modules that draw SVG), served where
 * the /demo scenarios are on, with {@code /} leading to it. Off, {@code /lab} is the same 404 problem as /demo, and
 * {@code /} is Quarkus's own 404. The page loads nothing from elsewhere, which its Content-Security-Policy enforces.
 */
@Singleton
public class LabPage {

    static final String PATH = "/lab/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private final boolean enabled;
    private final ProblemResponses problems;

    LabPage(DemoConfig config, ProblemResponses problems) {
        this.enabled = config.enabled();
        this.problems = problems;
    }

    void routes(@Observes Router router) {
        // Before the static files' handler, which serves META-INF/resources at the end of the chain.
        int order = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;
        router.get("/").order(order).handler(this::index);
        router.route("/lab").order(order).handler(this::page);
        router.route("/lab/*").order(order).handler(this::page);
    }

    private void index(RoutingContext context) {
        if (enabled) {
            toPage(context);
        } else {
            context.next();
        }
    }

    private void page(RoutingContext context) {
        if (!enabled) {
            problems.send(context, DemoSwitch.disabled(context.normalizedPath()));
            return;
        }
        if (context.normalizedPath().equals("/lab")) {
            toPage(context);
            return;
        }
        context.response().putHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer");
        context.next();
    }

    private static void toPage(RoutingContext context) {
        context.response().setStatusCode(302).putHeader("Location", PATH).end();
    }
}
