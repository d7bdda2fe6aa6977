package io.grpclab.edge;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.grpclab.grpc.ForwardedFor;
import io.grpclab.grpc.RequestIds;
import io.smallrye.common.vertx.ContextLocals;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * Every HTTP request gets a request id: the caller's {@code X-Request-Id} when well-formed (400 otherwise),
 * else a new one. It is sent as {@code x-request-id} metadata on the gRPC call, returned in the
 * {@code X-Request-Id} response header, and put in the MDC for the request's log lines. The caller's address is
 * kept beside it, by {@link ForwardedFor}'s rule over the proxies {@code quarkus.http.proxy.*} trusts (Quarkus's own
 * forwarded address is the leftmost hop, which the client writes itself).
 */
public class RequestIdFilter {

    /** Where the request's id is kept: the request's own Vert.x (duplicated) context, cheaper than a request scope. */
    static final String CONTEXT_KEY = "lab.request-id";
    static final String CLIENT_KEY = "lab.client-address";

    private final TrustedHttpProxies trustedProxies;

    RequestIdFilter(TrustedHttpProxies trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @ServerRequestFilter(preMatching = true)
    public void assignId(HttpServerRequest http) {
        assign(http, trustedProxies);
    }

    /**
     * The request's id (and its caller's address), kept for the request: for the JAX-RS resources through this
     * filter, for other routes (the transcoder) called directly.
     *
     * @throws InvalidParameterException for a malformed {@code X-Request-Id}
     */
    public static String assign(HttpServerRequest http, TrustedHttpProxies trustedProxies) {
        String fromCaller = http.getHeader(RequestIds.HTTP_HEADER);
        if (fromCaller != null && !RequestIds.isValid(fromCaller)) {
            throw new InvalidParameterException(RequestIds.HTTP_HEADER, "must be " + RequestIds.RULE);
        }
        String id = fromCaller != null ? fromCaller : RequestIds.newId();
        ContextLocals.put(CONTEXT_KEY, id);
        SocketAddress peer = http.connection() == null ? null : http.connection().remoteAddress();
        if (peer != null) {
            ContextLocals.put(CLIENT_KEY, ForwardedFor.client(peer.hostAddress(),
                    ForwardedFor.joined(http.headers().getAll(ForwardedFor.HTTP_HEADER)), trustedProxies));
        }
        MDC.put(RequestIds.MDC_KEY, id);
        return id;
    }

    @ServerResponseFilter
    public void returnId(ContainerResponseContext response) {
        String id = currentId();
        if (id != null) {
            response.getHeaders().putSingle(RequestIds.HTTP_HEADER, id);
        }
        MDC.remove(RequestIds.MDC_KEY);
    }

    /** The id of the HTTP request being answered; null outside one. */
    static String currentId() {
        return Vertx.currentContext() == null ? null : ContextLocals.<String> get(CONTEXT_KEY, null);
    }

    /** The address of the HTTP caller being answered; null outside a request. */
    static String currentClient() {
        return Vertx.currentContext() == null ? null : ContextLocals.<String> get(CLIENT_KEY, null);
    }
}
