package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.support.PackagedApp;
import io.grpclab.support.PythonGrpc;

/**
 * The packaged app in the seed profile (plaintext gRPC, a 2 s Echo, SayHello failing in the seed's time windows)
 * against the tutorial's clients as they make their calls: Python grpcio, a stack no one here wrote. Built with
 * {@code -Dnative}, the native executable.
 */
class SeedProfileIT {

    static PackagedApp app;

    @BeforeAll
    static void start() throws Exception {
        PythonGrpc.require();
        app = PackagedApp.started("-Dquarkus.profile=seed", "-Dlab.tls.dir=target/seed-profile-certs");
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close("seed-profile");
        }
    }

    /** The first system: a 1 s deadline (keepalive options set) against a server that takes 2 s. */
    @Test
    void theWaitClientsDeadlineExpires() throws Exception {
        JsonNode report = seedClient("wait");

        assertThat(report.path("status").asText()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(report.path("elapsedMs").asInt()).isBetween(1000, 1500);
    }

    /** The second: request metadata in, the server's trailing metadata out. */
    @Test
    void theMetadataClientGetsItsAnswerAndTheServersTrailer() throws Exception {
        JsonNode report = seedClient("meta");

        assertThat(report.path("status").asText()).isEqualTo("OK");
        assertThat(report.path("echoMessage").asText()).isEqualTo("Hello, gRPC!");
        assertThat(report.at("/trailers/custom-header").asText()).isEqualTo("value");
    }

    /** The fourth: the seed's retry policy gets through a server that refuses half of every second. */
    @Test
    void theRetryClientIsGreetedThroughTheFlakyWindows() throws Exception {
        for (int run = 0; run < 3; run++) { // three runs: some start inside a failing window, some outside
            JsonNode report = seedClient("retry");

            assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("OK");
            assertThat(report.path("replyMessage").asText()).isEqualTo("Hello, Hyeonghwan!");
        }
    }

    private static JsonNode seedClient(String name) throws Exception {
        PythonGrpc.Run run = PythonGrpc.script("seed_clients.py", Duration.ofSeconds(60), name,
                Integer.toString(app.grpc));
        assertThat(run.exitCode()).as(run.output()).isZero();
        String[] lines = run.output().strip().split("\n"); // grpcio may warn first (it clamps maxAttempts to 5)
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
