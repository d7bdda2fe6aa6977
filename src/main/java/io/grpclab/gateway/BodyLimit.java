package io.grpclab.gateway;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request body larger than {@code quarkus.http.limits.max-body-size} is answered 413 problem+json and read no
 * further: over HTTP/1.1 the connection is closed (the unread body would be taken for the next request); over HTTP/2
 * only the stream ends, the connection's other streams are someone else's. Quarkus enforces the same limit with an
 * empty 413 one route later; this route, just before it, gives the caller a body that says why. A chunked body has
 * no length to check up front: Quarkus's body handler stops reading it at the limit, and so does the transcoder, which
 * reads bodies itself ({@link #refuse}).
 */
@Singleton
public class BodyLimit {

    private final long maxBytes;
    private final ProblemResponses problems;

    BodyLimit(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize max, ProblemResponses problems) {
        this.maxBytes = max.asLongValue();
        this.problems = problems;
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
    }

    private void check(RoutingContext context) {
        String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1; // Vert.x refuses a malformed length before any route
        }
        if (declared <= maxBytes) {
            context.next();
            return;
        }
        refuse(context, "the request body is " + declared + " bytes");
    }

    /** The most a request body may hold (quarkus.http.limits.max-body-size). */
    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Answers 413 problem+json and stops reading: for a body that says its length up front, or one a route reading it
     * found too long as it came in (chunked).
     *
     * @param found what the body was found to be ("the request body is N bytes")
     */
    public void refuse(RoutingContext context, String found) {
        Problem problem = new Problem("urn:grpclab:problem:body-too-large", "Content Too Large", 413,
                found + "; this gateway reads at most " + maxBytes + " (quarkus.http.limits.max-body-size)",
                context.request().path(), null, null);
        HttpServerResponse response = context.response();
        if (context.request().version() != HttpVersion.HTTP_2) {
            response.putHeader(HttpHeaders.CONNECTION, "close")
                    .endHandler(ended -> context.request().connection().close());
        }
        problems.send(context, problem);
    }
}
