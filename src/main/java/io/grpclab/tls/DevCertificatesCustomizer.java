package io.grpclab.tls;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;

/**
 * Issues the development certificates right before the gRPC server loads its key material (Quarkus
 * applies the server's TLS options after the customizers), when the server is configured with a
 * certificate in {@code lab.tls.dir} and {@code lab.tls.generate-if-missing} is on.
 */
@Singleton
public class DevCertificatesCustomizer implements ServerBuilderCustomizer<VertxServerBuilder> {

    private final boolean generateIfMissing;
    private final Path dir;
    private final String trustStorePassword;

    DevCertificatesCustomizer(@ConfigProperty(name = "lab.tls.generate-if-missing") boolean generateIfMissing,
            @ConfigProperty(name = "lab.tls.dir") Path dir,
            @ConfigProperty(name = "lab.tls.trust-store-password") String trustStorePassword) {
        this.generateIfMissing = generateIfMissing;
        this.dir = dir;
        this.trustStorePassword = trustStorePassword;
    }

    @Override
    public void customize(GrpcServerConfiguration config, VertxServerBuilder builder) {
        Optional<Path> certificate = config.ssl().certificate();
        if (generateIfMissing && certificate.isPresent() && isInDevDir(certificate.get())) {
            DevCertificates.ensure(dir, trustStorePassword);
        }
    }

    private boolean isInDevDir(Path file) {
        return file.toAbsolutePath().normalize().startsWith(dir.toAbsolutePath().normalize());
    }

    @Override
    public int priority() {
        return Integer.MIN_VALUE; // before any other customizer
    }
}
