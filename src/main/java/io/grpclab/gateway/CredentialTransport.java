package io.grpclab.gateway;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.grpc.Metadata;
import io.grpclab.grpc.CredentialMetadata;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Credentials only over HTTPS, where {@code lab.gateway.credentials-over-http} is off (prod): a request that sends
 * {@code Authorization} or {@code X-Session-Id} over plain HTTP is refused with 400 before any route reads them,
 * whatever its path. The scheme is what Quarkus says it is, so a trusted proxy (quarkus.http.proxy.trusted-proxies)
 * that terminated TLS vouches with {@code X-Forwarded-Proto: https}.
 */
@Singleton
public class CredentialTransport {

    public static final String AUTHORIZATION = "Authorization";
    public static final String SESSION_ID = "X-Session-Id";

    private static final String REFUSAL = "credentials are refused over plain HTTP: they travelled readable by anyone "
            + "on the path; send them over HTTPS (lab.gateway.credentials-over-http=false)";

    private final boolean overHttp;
    private final ProblemResponses problems;

    CredentialTransport(GatewayConfig config, ProblemResponses problems) {
        this.overHttp = config.credentialsOverHttp();
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
        if (header == null || "https".equals(http.scheme())) {
            context.next();
            return;
        }
        problems.send(context, Problem.invalid(List.of(new Problem.InvalidParam(header, REFUSAL)), http.path()));
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
        if (!overHttp && !"https".equals(http.scheme())) {
            throw new InvalidParameterException(credential, REFUSAL);
        }
    }
}
