package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
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

    /**
     * The same wait client pointed at the lab's fault proxy (lab.network.proxy-port) instead of the server: it goes
     * through unharmed, then meets the fault set over REST, a refusal of new connections.
     */
    @Test
    void theWaitClientMeetsTheFaultsOfTheProxyPort() throws Exception {
        assertThat(seedClient("wait", app.proxy).path("status").asText()).isEqualTo("DEADLINE_EXCEEDED");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> added = http.send(HttpRequest.newBuilder(app.http("/demo/network/faults"))
                .header("Content-Type", "application/json").POST(BodyPublishers.ofString("{\"type\":\"refuse\"}"))
                .build(), BodyHandlers.ofString());
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
        try {
            JsonNode refused = seedClient("wait", app.proxy);
            assertThat(refused.path("status").asText()).as(refused.toString()).isEqualTo("UNAVAILABLE");
        } finally {
            http.send(HttpRequest.newBuilder(app.http("/demo/network/reset")).POST(BodyPublishers.noBody()).build(),
                    BodyHandlers.ofString());
        }
    }

    private static JsonNode seedClient(String name) throws Exception {
        return seedClient(name, app.grpc);
    }

    private static JsonNode seedClient(String name, int port) throws Exception {
        PythonGrpc.Run run = PythonGrpc.script("seed_clients.py", Duration.ofSeconds(60), name,
                Integer.toString(port));
        assertThat(run.exitCode()).as(run.output()).isZero();
        String[] lines = run.output().strip().split("\n"); // grpcio may warn first (it clamps maxAttempts to 5)
        return new ObjectMapper().readTree(lines[lines.length - 1]);
    }
}
