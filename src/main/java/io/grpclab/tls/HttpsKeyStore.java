package io.grpclab.tls;

import jakarta.inject.Singleton;

import io.quarkus.tls.runtime.KeyStoreAndKeyCertOptions;
import io.quarkus.tls.runtime.KeyStoreProvider;
import io.smallrye.common.annotation.Identifier;
import io.vertx.core.Vertx;
import io.vertx.core.net.KeyCertOptions;

/**
 * HTTPS presents the gRPC server's certificate through the same reloading key manager: the TLS registry's key store
 * provider for the {@code lab} configuration. New handshakes see a rotated certificate at once, and the start-up skips
 * the registry's PEM key store, which wraps the key in an in-memory PKCS#12 store (a PBKDF2 run to put it in and
 * another to take it out: a tenth of the start-up on two cores).
 */
@Singleton
@Identifier(HttpsKeyStore.TLS_CONFIGURATION)
class HttpsKeyStore implements KeyStoreProvider {

    /** The TLS registry configuration HTTPS uses ({@code quarkus.http.tls-configuration-name}). */
    static final String TLS_CONFIGURATION = "lab";

    private final ReloadingCertificates certificates;

    HttpsKeyStore(ReloadingCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public KeyStoreAndKeyCertOptions getKeyStore(Vertx vertx) {
        // No KeyStore: the registry reads one only for SNI, which needs several certificates.
        return new KeyStoreAndKeyCertOptions(null, KeyCertOptions.wrap(certificates.serverKeyManager()));
    }
}
