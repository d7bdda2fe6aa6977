package io.grpclab.auth;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Set;
import java.util.function.Predicate;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.inject.Singleton;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpclab.grpc.CredentialMetadata;
import io.grpclab.grpc.ForwardedFor;
import io.grpclab.grpc.GatewayChannel;
import io.quarkus.grpc.GlobalInterceptor;
import io.vertx.core.http.ClientAuth;

/**
 * Runs before Quarkus Security on every call: refuses credentials sent over plaintext (Basic, sessions and tokens in
 * the metadata, and the passwords CreateSession and IssueToken take in their body: they need TLS, as the seed says),
 * and hands the security mechanisms, through the gRPC {@link Context}, the caller's address (behind a trusted proxy
 * such as this app's gateway, the rightmost untrusted x-forwarded-for hop) and its verified client certificate. A call
 * that came through a proxy (it carries x-forwarded-for) has no certificate of its own: the TLS connection is the
 * proxy's, and the proxy's identity must never stand in for the caller it forwards.
 */
@Singleton
@GlobalInterceptor
class TransportSecurityInterceptor implements ServerInterceptor, Prioritized {

    private final Predicate<String> trustedProxies;
    /** Whether the server asks clients for certificates at all: if not, there is none to look for on each call. */
    private final boolean requestsCertificates;
    /** Common names of client certificates that mark a proxy, like the addresses of {@link #trustedProxies}. */
    private final Set<String> trustedProxyNames;

    TransportSecurityInterceptor(AuthConfig config) {
        this.trustedProxies = ForwardedFor.trusting("lab.auth.trusted-proxies", config.trustedProxies());
        this.requestsCertificates = GatewayChannel.configuration().server().ssl().clientAuth() != ClientAuth.NONE;
        this.trustedProxyNames = config.trustedProxyCertificates().orElse(Set.of());
        if (!trustedProxyNames.isEmpty() && !requestsCertificates) {
            throw new IllegalStateException("lab.auth.trusted-proxy-certificates needs quarkus.grpc.server.ssl"
                    + ".client-auth=REQUEST or REQUIRED: a server that asks for no client certificate has none to "
                    + "trust");
        }
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        boolean credentials = headers.containsKey(CredentialMetadata.AUTHORIZATION)
                || headers.containsKey(CredentialMetadata.SESSION_ID)
                || CredentialMetadata.passwordInBody(call.getMethodDescriptor().getFullMethodName());
        if (tls == null && credentials) {
            call.close(Status.UNAUTHENTICATED.withDescription("credentials are refused over a plaintext connection: "
                    + "they would travel readable by anyone on the path; connect with TLS"), new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        X509Certificate certificate = requestsCertificates ? callerCertificate(tls, headers) : null;
        if (!credentials && certificate == null) {
            return next.startCall(call, headers); // nothing to authenticate: the mechanisms need no address either
        }
        String peer = host(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        String forwarded = ForwardedFor.joined(headers.getAll(ForwardedFor.KEY));
        boolean proxy = forwarded != null && (trustedProxies.test(peer) || trustedProxyCertificate(tls));
        Context context = Context.current().withValue(CallPeer.ADDRESS,
                ForwardedFor.client(peer, proxy, forwarded, trustedProxies));
        if (certificate != null) {
            context = context.withValue(CallPeer.CERTIFICATE, certificate);
        }
        return Contexts.interceptCall(context, call, headers, next);
    }

    /** The client certificate that identifies the caller: none over plaintext, none for a call a proxy forwards. */
    static X509Certificate callerCertificate(SSLSession tls, Metadata headers) {
        return headers.containsKey(ForwardedFor.KEY) ? null : peerCertificate(tls);
    }

    /** Whether the connection's verified client certificate names a trusted proxy (another replica's gateway). */
    private boolean trustedProxyCertificate(SSLSession tls) {
        if (trustedProxyNames.isEmpty()) {
            return false;
        }
        X509Certificate certificate = peerCertificate(tls);
        return certificate != null && trustedProxyNames
                .contains(IdentityProviders.commonName(certificate.getSubjectX500Principal().getName()));
    }

    /** The certificate the TLS handshake verified for the connection's peer, or null. */
    private static X509Certificate peerCertificate(SSLSession tls) {
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

    private static String host(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(address);
    }

    /** Before Quarkus Security's interceptor (Integer.MAX_VALUE - 100): higher runs first. */
    @Override
    public int getPriority() {
        return Integer.MAX_VALUE - 50;
    }
}
