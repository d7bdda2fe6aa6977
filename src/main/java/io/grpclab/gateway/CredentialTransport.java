package io.grpclab.gateway;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.vertx.core.http.HttpServerRequest;

/**
 * Credentials only over HTTPS, where {@code lab.gateway.credentials-over-http} is off (prod): a request that sends
 * {@code Authorization} or {@code X-Session-Id} over plain HTTP is refused with 400 before anything reads them. The
 * scheme is what Quarkus says it is, so a trusted proxy (quarkus.http.proxy.trusted-proxies) that terminated TLS
 * vouches with {@code X-Forwarded-Proto: https}.
 */
public class CredentialTransport {

    public static final String AUTHORIZATION = "Authorization";
    public static final String SESSION_ID = "X-Session-Id";

    private final boolean overHttp;

    CredentialTransport(GatewayConfig config) {
        this.overHttp = config.credentialsOverHttp();
    }

    @ServerRequestFilter(preMatching = true)
    public void refuseCredentialHeadersOverHttp(HttpServerRequest http) {
        if (http.getHeader(AUTHORIZATION) != null) {
            requireHttps(http, AUTHORIZATION);
        }
        if (http.getHeader(SESSION_ID) != null) {
            requireHttps(http, SESSION_ID);
        }
    }

    /**
     * @param credential the header or body field that carries the credential, named in the refusal
     * @throws InvalidParameterException when it came over plain HTTP and that is not allowed
     */
    public void requireHttps(HttpServerRequest http, String credential) {
        if (!overHttp && !"https".equals(http.scheme())) {
            throw new InvalidParameterException(credential, "credentials are refused over plain HTTP: they travelled "
                    + "readable by anyone on the path; send them over HTTPS (lab.gateway.credentials-over-http=false)");
        }
    }
}
