package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.grpclab.support.PackagedApp;

/**
 * The packaged app refuses to start when it cannot do its job safely, and says why: a bad policy or credential value
 * (naming the key), a gRPC server that could not start (Quarkus alone would log it and keep serving HTTP), or, in
 * prod, no certificate to serve with (rather than issuing itself a development CA).
 */
class MisconfiguredAppStopsIT {

    static final Path CERTS = Path.of("target/it-certs");

    @ParameterizedTest
    @CsvSource({ "lab.retry.backoff-multiplier,-1", "lab.retry.retryable-status-codes,SOMETIMES",
            "lab.retry.initial-backoff,soon", "lab.hedging.max-attempts,1",
            "lab.auth.users.weak.password-hash,$2a$04$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
            "lab.auth.throttle.max-failures-per-client,0", "lab.retry.retryable-status-codes,OK",
            "lab.echo.delay,31s",
            "lab.auth.trusted-proxy-certificates,grpclab-gateway" }) // with client-auth NONE: none to trust
    void aBadValueStopsTheAppNamingItsKey(String key, String value) throws Exception {
        String output = runUntilItStops("-Dquarkus.profile=lab", "-Dlab.tls.dir=" + CERTS, "-D" + key + "=" + value);

        assertThat(output).contains(key);
    }

    @Test
    void aTakenGrpcPortStopsTheApp() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            String output = runUntilItStops("-Dquarkus.profile=lab", "-Dlab.tls.dir=" + CERTS,
                    "-Dquarkus.grpc.server.port=" + taken.getLocalPort());

            assertThat(output).contains("Port already bound: " + taken.getLocalPort(), "The gRPC server did not start");
        }
    }

    @Test
    void inProdWithoutACertificateTheAppStopsNamingTheKeysInsteadOfIssuingItself() throws Exception {
        Path empty = Files.createTempDirectory(Path.of("target"), "no-certs-");
        String output = runUntilItStops("-Dlab.tls.dir=" + empty);

        assertThat(output).contains("lab.tls.certificate", "lab.tls.key", "certs/README.md", "-Dquarkus.profile=lab");
        assertThat(empty).isEmptyDirectory();
    }

    /** Starts the jar with these system properties, expects it to exit non-zero within a minute, returns its output. */
    private static String runUntilItStops(String... properties) throws Exception {
        try (PackagedApp jar = PackagedApp.start(properties)) {
            int exit = jar.exitCode(Duration.ofSeconds(60));

            assertThat(exit).as(jar.output()).isNotZero();
            return jar.output();
        }
    }
}
