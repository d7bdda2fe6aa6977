package io.grpclab.tls;

import java.nio.file.Path;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The server's TLS material: one certificate for the gRPC server and for HTTPS, both of which reload it when its
 * files change. These keys are the app's own rather than {@code quarkus.grpc.server.ssl.certificate/key}: Quarkus
 * would load those once, at start.
 */
@ConfigMapping(prefix = "lab.tls")
public interface TlsConfig {

    /** Where the development set lives (CA, server and client certificates; see certs/README.md). */
    @WithDefault("certs/dev")
    Path dir();

    /**
     * Issue the development set in {@link #dir()} when it is missing or expiring (dev, test, seed, lab). Off in prod:
     * a missing certificate stops the app instead.
     */
    @WithDefault("false")
    boolean generateIfMissing();

    /** The server certificate (PEM, its chain may follow), for gRPC and HTTPS. */
    @WithDefault("${lab.tls.dir}/server.crt")
    Path certificate();

    /** Its private key (PEM: PKCS#8, or PKCS#1 / SEC 1 as openssl and cert-manager write them; unencrypted). */
    @WithDefault("${lab.tls.dir}/server.key")
    Path key();

    /** How often the certificate, its key and the gateway's trusted CA are checked for changes on disk. */
    @WithDefault("1m")
    Duration reloadPeriod();

    /** Whether the server certificate is the development one this app issues in {@link #dir()}. */
    default boolean issuesDevelopmentCertificates() {
        return generateIfMissing()
                && certificate().toAbsolutePath().normalize().startsWith(dir().toAbsolutePath().normalize());
    }

    /** The password of the development CA's PKCS#12 trust store (public data: the format requires one). */
    @WithDefault("grpclab-dev-trust-store")
    String trustStorePassword();
}
