package io.grpclab.lab.page;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.grpclab.edge.Problem;
import io.grpclab.edge.ProblemResponses;
import io.grpclab.edge.SecurityHeaders;
import io.grpclab.lab.catalogue.ScenarioConfig;
import io.grpclab.lab.catalogue.ScenarioSwitch;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The lab page: static files under META-INF/resources/lab (no build step: plain modules that draw SVG), served where
 * the /demo scenarios are on, with {@code /} leading to it. Off, {@code /lab} is the same 404 problem as /demo, and
 * {@code /} is Quarkus's own 404. The page loads nothing from elsewhere, which its Content-Security-Policy enforces.
 * <p>
 * A path that reaches the files only once decoded ({@code /lab%2Findex.html}: Vert.x leaves an encoded slash alone,
 * so no route of {@code /lab/*} matches it, and the static handler decodes it and serves the file) is refused, on
 * or off: it would be served past the switch, and without this page's headers. Every file is revalidated
 * ({@code no-cache}, answered 304 when unchanged): none has a version in its name, and Quarkus's default
 * ({@code public, immutable, max-age=86400}) kept an upgraded app's old page in browsers for a day.
 */
@Singleton
class LabPage {

    static final String PATH = "/lab/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; img-src 'self' data:; "
            + "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static final CharSequence REVALIDATE = HttpHeaders.createOptimized("no-cache");
    private static final java.util.function.Function<String, Problem> NOT_FOUND = path -> new Problem("about:blank",
            "Not Found", 404, "no lab page is at this path; the page is /lab/", path, null, null);

    private final boolean enabled;
    private final ProblemResponses problems;

    LabPage(ScenarioConfig config, ProblemResponses problems) {
        this.enabled = config.enabled();
        this.problems = problems;
    }

    void routes(@Observes Router router) {
        // Before the static files' handler, which serves META-INF/resources at the end of the chain.
        int order = RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT;
        router.get("/").order(order).handler(this::index);
        router.route("/lab").order(order).handler(this::page);
        router.route("/lab/*").order(order).handler(this::page);
        router.route("/lab%*").order(order).handler(this::encoded);
    }

    private void encoded(RoutingContext context) {
        problems.send(context, enabled ? NOT_FOUND.apply(context.normalizedPath())
                : ScenarioSwitch.disabled(context.normalizedPath()));
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
            problems.send(context, ScenarioSwitch.disabled(context.normalizedPath()));
            return;
        }
        if (context.normalizedPath().equals("/lab")) {
            toPage(context);
            return;
        }
        HttpServerResponse response = context.response();
        response.putHeader(SecurityHeaders.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY);
        context.addHeadersEndHandler(ended -> response.headers().set(HttpHeaders.CACHE_CONTROL, REVALIDATE));
        context.next();
    }

    private static void toPage(RoutingContext context) {
        context.response().setStatusCode(302).putHeader("Location", PATH).end();
    }
}
