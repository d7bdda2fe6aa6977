package io.grpclab.edge;

import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A request body larger than {@code quarkus.http.limits.max-body-size} is answered 413 problem+json and read no
 * further: over HTTP/1.1 the connection is closed (the unread body would be taken for the next request); over HTTP/2
 * only the stream ends, the connection's other streams are someone else's. Quarkus enforces the same limit with an
 * empty 413 one route later; this route, just before it, gives the caller a body that says why. A chunked body has
 * no length to check up front: Quarkus's body handler stops reading it at the limit, and so does {@link #read}, for
 * routes that read bodies themselves (the transcoder).
 */
@Singleton
public class BodyLimit {

    private static final Logger LOG = Logger.getLogger(BodyLimit.class);

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

    /**
     * Reads the whole body for a route that reads bodies itself, up to the limit: a chunked body has no length to
     * check up front, and Vert.x's {@code request.body()} would buffer any amount. Past the limit, 413 as above.
     * <p>
     * A body that stops coming (the stream reset, the connection dropped) is the caller's choice, not the server's
     * failure: a debug line, and nothing answered on a stream that is gone. Handing it to {@code context.fail} made
     * Quarkus log an error with a stack trace per stream and then try to write a 500 on the closed stream, so one
     * connection dropping a few hundred HTTP/2 streams wrote tens of thousands of lines.
     */
    public void read(RoutingContext context, Consumer<Buffer> then) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        boolean[] refused = { false };
        request.handler(chunk -> {
            if (refused[0]) {
                return;
            }
            if (body.length() + chunk.length() > maxBytes) {
                refused[0] = true;
                refuse(context, "the request body is over " + maxBytes + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.exceptionHandler(failure -> {
            refused[0] = true;
            LOG.debugf("the request body stopped coming: %s", failure);
        });
        request.endHandler(ended -> {
            if (!refused[0]) {
                then.accept(body);
            }
        });
        request.resume(); // Quarkus pauses a request until a handler reads it
    }

    /**
     * Answers 413 problem+json and stops reading.
     *
     * @param found what the body was found to be ("the request body is N bytes")
     */
    private void refuse(RoutingContext context, String found) {
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
