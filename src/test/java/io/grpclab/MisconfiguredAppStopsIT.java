package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The packaged jar refuses to start when it cannot do its job, and says why: a bad retry policy (naming the key),
 * or a gRPC server that could not start (Quarkus alone would log it and keep serving HTTP).
 */
class MisconfiguredAppStopsIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @ParameterizedTest
    @CsvSource({ "lab.retry.backoff-multiplier,-1", "lab.retry.retryable-status-codes,SOMETIMES",
            "lab.retry.initial-backoff,soon", "lab.hedging.max-attempts,1" })
    void aBadPolicyValueStopsTheAppNamingItsKey(String key, String value) throws Exception {
        String output = runUntilItStops("-D" + key + "=" + value, "-Dquarkus.grpc.server.port=0");

        assertThat(output).contains(key);
    }

    @Test
    void aTakenGrpcPortStopsTheApp() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            String output = runUntilItStops("-Dquarkus.grpc.server.port=" + taken.getLocalPort());

            assertThat(output).contains("Port already bound: " + taken.getLocalPort(), "The gRPC server did not start");
        }
    }

    @Test
    void tlsWithoutACertificateStopsTheAppInsteadOfServingPlaintext() throws Exception {
        String output = runUntilItStops("-Dquarkus.grpc.server.port=0", "-Dquarkus.grpc.server.ssl.certificate=",
                "-Dquarkus.grpc.server.ssl.key=");

        assertThat(output).contains("Key/certificate is mandatory for SSL", "The gRPC server did not start");
    }

    /** Starts the jar with these system properties, expects it to exit non-zero within a minute, returns its output. */
    private static String runUntilItStops(String... properties) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=0", "-Dlab.tls.dir=target/it-certs"));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", JAR.toString()));
        Process app = new ProcessBuilder(command).redirectErrorStream(true).start();
        app.getOutputStream().close();
        boolean exited = app.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            app.destroyForcibly();
        }
        String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("the app stopped by itself").isTrue();
        assertThat(app.exitValue()).as(output).isNotZero();
        return output;
    }
}
