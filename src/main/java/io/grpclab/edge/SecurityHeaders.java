package io.grpclab.edge;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every HTTP response carries, whatever route answers it (or none does): no MIME sniffing, no referrer, and a
 * Content-Security-Policy that lets nothing load and nothing frame the response, the policy OWASP gives for APIs. The
 * lab page replaces it with its own ({@code LabPage}); Quarkus's pages under {@code /q/} (Swagger UI, Dev UI) run
 * inline scripts, so they keep the first two only. One route for the three: Quarkus's
 * {@code quarkus.http.header."..."} would add a route per header to every request.
 */
@Singleton
public class SecurityHeaders {

    public static final CharSequence CONTENT_SECURITY_POLICY = HttpHeaders.createOptimized("Content-Security-Policy");
    static final CharSequence CONTENT_TYPE_OPTIONS = HttpHeaders.createOptimized("X-Content-Type-Options");
    static final CharSequence NOSNIFF = HttpHeaders.createOptimized("nosniff");
    static final CharSequence REFERRER_POLICY = HttpHeaders.createOptimized("Referrer-Policy");
    static final CharSequence NO_REFERRER = HttpHeaders.createOptimized("no-referrer");
    static final CharSequence NOTHING_LOADS = HttpHeaders.createOptimized("default-src 'none'; frame-ancestors 'none'");

    void install(@Observes Router router) {
        // before the drain, the credential rule and the body limit: their refusals carry the headers too
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 4).handler(this::add);
    }

    private void add(RoutingContext context) {
        MultiMap headers = context.response().headers();
        headers.set(CONTENT_TYPE_OPTIONS, NOSNIFF);
        headers.set(REFERRER_POLICY, NO_REFERRER);
        if (!context.normalizedPath().startsWith("/q/")) {
            headers.set(CONTENT_SECURITY_POLICY, NOTHING_LOADS);
        }
        context.next();
    }
}
