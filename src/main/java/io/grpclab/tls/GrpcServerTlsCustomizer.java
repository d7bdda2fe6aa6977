package io.grpclab.tls;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.core.net.KeyCertOptions;
import io.vertx.grpc.VertxServerBuilder;

/**
 * Gives the gRPC server the certificate of {@code lab.tls.certificate}/{@code key} through a key manager that reloads
 * it. Quarkus then applies the rest of {@code quarkus.grpc.server.ssl.*} (protocols, cipher suites, client
 * certificates) and leaves the key material alone, since its own certificate keys are unset.
 */
@Singleton
class GrpcServerTlsCustomizer implements ServerBuilderCustomizer<VertxServerBuilder> {

    private static final Logger LOG = Logger.getLogger(GrpcServerTlsCustomizer.class);

    private final ReloadingCertificates certificates;

    GrpcServerTlsCustomizer(ReloadingCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public void customize(GrpcServerConfiguration server, VertxServerBuilder builder) {
        if (server.isPlainTextEnabled()) {
            return;
        }
        if (server.ssl().certificate().isPresent() || server.ssl().keyStore().isPresent()) {
            LOG.warn("quarkus.grpc.server.ssl.certificate/key-store is set: Quarkus loads it once and it will not be "
                    + "reloaded; set lab.tls.certificate and lab.tls.key instead");
            return;
        }
        KeyCertOptions keys = KeyCertOptions.wrap(certificates.serverKeyManager());
        builder.useSsl(options -> options.setKeyCertOptions(keys));
    }
}
