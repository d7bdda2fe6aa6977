package io.grpclab.auth;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpclab.grpc.MetadataValues;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.inject.spi.Prioritized;

/**
 * Runs before Quarkus Security on every call: refuses credentials sent over plaintext (Basic, sessions and
 * tokens need TLS, as the seed says), and hands the caller's address (x-forwarded-for when the peer is a
 * trusted proxy such as this app's gateway) and verified client certificate to the security mechanisms
 * through the gRPC {@link Context}.
 */
@ApplicationScoped
@GlobalInterceptor
public class TransportSecurityInterceptor implements ServerInterceptor, Prioritized {

    static final Metadata.Key<String> AUTHORIZATION = MetadataValues.asciiKey("authorization");
    static final Metadata.Key<String> SESSION_ID = MetadataValues.asciiKey("x-session-id");
    public static final Metadata.Key<String> FORWARDED_FOR = MetadataValues.asciiKey("x-forwarded-for");

    private final Set<String> trustedProxies;

    TransportSecurityInterceptor(AuthConfig config) {
        this.trustedProxies = Set.copyOf(config.trustedProxies());
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        if (tls == null && (headers.containsKey(AUTHORIZATION) || headers.containsKey(SESSION_ID))) {
            call.close(Status.UNAUTHENTICATED.withDescription("credentials are refused over a plaintext connection: "
                    + "they would travel readable by anyone on the path; connect with TLS"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        Context context = Context.current().withValue(CallPeer.ADDRESS,
                client(host(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR)), headers));
        X509Certificate certificate = clientCertificate(tls);
        if (certificate != null) {
            context = context.withValue(CallPeer.CERTIFICATE, certificate);
        }
        return Contexts.interceptCall(context, call, headers, next);
    }

    /** The peer, or the first address of x-forwarded-for when the peer is a trusted proxy. */
    private String client(String peer, Metadata headers) {
        String forwarded = headers.get(FORWARDED_FOR);
        if (forwarded == null || !trustedProxies.contains(peer)) {
            return peer;
        }
        return forwarded.split(",")[0].trim();
    }

    private static String host(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    private static X509Certificate clientCertificate(SSLSession tls) {
        if (tls == null) {
            return null;
        }
        try {
            Certificate[] chain = tls.getPeerCertificates();
            return chain.length > 0 && chain[0] instanceof X509Certificate x509 ? x509 : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    /** Before Quarkus Security's interceptor (Integer.MAX_VALUE - 100): higher runs first. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE - 50;
    }
}
