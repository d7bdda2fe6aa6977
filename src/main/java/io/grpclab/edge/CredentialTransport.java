package io.grpclab.edge;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.grpc.Metadata;
import io.grpclab.grpc.CredentialMetadata;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Credentials only over HTTPS, where {@code lab.gateway.credentials-over-http} is off (prod): a request that sends
 * {@code Authorization} or {@code X-Session-Id} over plain HTTP is refused with 400 before any route reads them,
 * whatever its path.
 * <p>
 * Whether a request came over HTTPS is decided here ({@link #overHttps}), not by Quarkus's forwarded scheme: that
 * takes the <em>first</em> {@code X-Forwarded-Proto} value, which the client wrote when the proxy appends, and lets
 * {@code X-Forwarded-Ssl: on} override it, which a proxy configured the textbook way
 * ({@code proxy_set_header X-Forwarded-Proto $scheme}) passes on from the client untouched.
 */
@Singleton
public class CredentialTransport {

    public static final String AUTHORIZATION = "Authorization";
    public static final String SESSION_ID = "X-Session-Id";

    private static final String REFUSAL = "credentials are refused over plain HTTP: they travelled readable by anyone "
            + "on the path; send them over HTTPS (lab.gateway.credentials-over-http=false)";

    static final String FORWARDED_PROTO = "X-Forwarded-Proto";

    private final boolean overHttp;
    private final TrustedHttpProxies trustedProxies;
    private final ProblemResponses problems;

    CredentialTransport(EdgeConfig config, TrustedHttpProxies trustedProxies, ProblemResponses problems) {
        this.overHttp = config.credentialsOverHttp();
        this.trustedProxies = trustedProxies;
        this.problems = problems;
    }

    void install(@Observes Router router) {
        if (!overHttp) { // allowed: nothing to check on any request
            // after the drain, before the body limit: a credential over plain HTTP is refused before anything else
            router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 2).handler(this::refuseOverHttp);
        }
    }

    private void refuseOverHttp(RoutingContext context) {
        HttpServerRequest http = context.request();
        String header = http.getHeader(AUTHORIZATION) != null ? AUTHORIZATION
                : http.getHeader(SESSION_ID) != null ? SESSION_ID : null;
        if (header == null || overHttps(http)) {
            context.next();
            return;
        }
        problems.send(context, Problem.invalid(List.of(new Problem.InvalidParam(header, REFUSAL)), http.path()));
    }

    /**
     * Whether the request reached this server over TLS, or reached a trusted proxy over TLS: the connection's own TLS,
     * else, from a peer in {@code quarkus.http.proxy.trusted-proxies}, the last {@code X-Forwarded-Proto} value (the
     * one that proxy set; values to its left came from further away). {@code X-Forwarded-Ssl} is never believed.
     */
    boolean overHttps(HttpServerRequest http) {
        HttpConnection connection = http.connection();
        if (connection == null) {
            return false;
        }
        if (connection.isSsl()) {
            return true;
        }
        SocketAddress peer = connection.remoteAddress();
        if (peer == null || peer.hostAddress() == null || !trustedProxies.test(peer.hostAddress())) {
            return false;
        }
        List<String> values = http.headers().getAll(FORWARDED_PROTO);
        if (values.isEmpty()) {
            return false;
        }
        String last = values.get(values.size() - 1);
        return "https".equalsIgnoreCase(last.substring(last.lastIndexOf(',') + 1).trim());
    }

    /**
     * Forwards the caller's {@code Authorization} and {@code X-Session-Id} headers, when present, as the call's
     * {@code authorization} and {@code x-session-id} metadata (the gateway's channel is TLS); the checks above already
     * refused them over plain HTTP where that is not allowed.
     */
    public static void forward(HttpServerRequest http, Metadata metadata) {
        String authorization = http.getHeader(AUTHORIZATION);
        if (authorization != null) {
            metadata.put(CredentialMetadata.AUTHORIZATION, authorization);
        }
        String session = http.getHeader(SESSION_ID);
        if (session != null) {
            metadata.put(CredentialMetadata.SESSION_ID, session);
        }
    }

    /**
     * @param credential the header or body field that carries the credential, named in the refusal
     * @throws InvalidParameterException when it came over plain HTTP and that is not allowed
     */
    public void requireHttps(HttpServerRequest http, String credential) {
        if (!overHttp && !overHttps(http)) {
            throw new InvalidParameterException(credential, REFUSAL);
        }
    }
}
