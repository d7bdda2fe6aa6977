package io.grpclab.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.grpclab.grpc.GatewayChannel;
import io.quarkus.grpc.runtime.config.GrpcConfiguration;
import io.quarkus.vertx.VertxOptionsCustomizer;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.ClientAuth;

/**
 * Makes sure the TLS material is on disk before anything reads it. Where {@code lab.tls.generate-if-missing} is on
 * (the lab), issues the development set in {@code lab.tls.dir}; elsewhere (prod), stops the app when a file is
 * missing, naming the keys to set. It also stops an app asked for client certificates without a CA to check them
 * against. It runs as a Vert.x options customizer because Quarkus creates Vert.x before the
 * TLS registry loads the HTTPS certificate and before the gRPC server starts: no later hook comes early enough.
 */
@Singleton
class ServerCertificateCheck implements VertxOptionsCustomizer {

    private final TlsConfig config;

    ServerCertificateCheck(TlsConfig config) {
        this.config = config;
    }

    @Override
    public void accept(VertxOptions ignored) {
        if (config.issuesDevelopmentCertificates()) {
            DevCertificates.ensure(config.dir(), config.trustStorePassword());
            return;
        }
        List<String> missing = new ArrayList<>();
        requireFile("lab.tls.certificate", config.certificate(), missing);
        requireFile("lab.tls.key", config.key(), missing);
        GrpcConfiguration grpc = GatewayChannel.configuration();
        Optional<Path> gatewayTrust = grpc.clients().get(GatewayChannel.NAME).ssl().trustStore();
        gatewayTrust.ifPresent(ca -> requireFile("quarkus.grpc.clients.lab.ssl.trust-store", ca, missing));
        if (grpc.server().ssl().clientAuth() != ClientAuth.NONE && grpc.server().ssl().trustStore().isEmpty()) {
            throw new IllegalStateException("quarkus.grpc.server.ssl.client-auth=" + grpc.server().ssl().clientAuth()
                    + " needs quarkus.grpc.server.ssl.trust-store, the CA client certificates must chain to: without "
                    + "it, any certificate from a public CA would be accepted (see certs/README.md)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No TLS certificate to serve with: " + String.join(", ", missing)
                    + ". Point these keys at your certificate, its key and the CA the gateway trusts (or set "
                    + "lab.tls.dir to a directory holding server.crt, server.key and ca.crt): see certs/README.md. "
                    + "To try the app with development certificates instead, run the lab profile "
                    + "(-Dquarkus.profile=lab).");
        }
    }

    private static void requireFile(String key, Path file, List<String> missing) {
        if (!Files.isReadable(file)) {
            missing.add(key + " = " + file + " (not a readable file)");
        }
    }
}
