package io.grpclab.auth;

import java.security.cert.X509Certificate;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A client certificate the TLS handshake verified against the trusted CA. */
class ClientCertificateRequest extends BaseAuthenticationRequest {

    private final X509Certificate certificate;

    public ClientCertificateRequest(X509Certificate certificate) {
        this.certificate = certificate;
    }

    public X509Certificate certificate() {
        return certificate;
    }
}
