package io.grpclab.auth;

import java.security.cert.X509Certificate;

import io.grpc.Context;

/**
 * What the transport says about the caller of the current gRPC call, put in the gRPC {@link Context} by
 * {@link TransportSecurityInterceptor} before Quarkus Security runs: its address and, with mutual TLS,
 * its verified certificate. Security mechanisms read it from here: call metadata could be forged.
 */
final class CallPeer {

    static final Context.Key<String> ADDRESS = Context.key("lab.peer-address");
    static final Context.Key<X509Certificate> CERTIFICATE = Context.key("lab.peer-certificate");

    private CallPeer() {
    }

    /** The caller's address (host), or "unknown". */
    public static String address() {
        String address = ADDRESS.get();
        return address == null ? "unknown" : address;
    }

    /** The client certificate the TLS handshake verified, or null. */
    public static X509Certificate certificate() {
        return CERTIFICATE.get();
    }
}
