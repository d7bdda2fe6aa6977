package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.support.PackagedApp;

/**
 * Three packaged instances, and A's gateway balancing over all three gRPC servers with a static target, as each pod's
 * gateway balances over the pods of a headless Service. The tests run in order, each leaving fewer backends: calls
 * spread over all three; C shuts down and its gRPC health takes it out of rotation before it refuses anything; B is
 * killed under load and the calls it held are retried on the others, so that every request succeeds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewayBalancingIT {

    static final Path CERTS = Path.of("target/balancing-certs");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static PackagedApp a;
    static PackagedApp b;
    static PackagedApp c;

    @BeforeAll
    static void startThreeInstances() throws Exception {
        String[] lab = { "-Dquarkus.profile=lab", "-Dlab.tls.dir=" + CERTS };
        b = PackagedApp.started(lab); // first: it writes the shared development certificates
        c = PackagedApp.started(lab[0], lab[1], "-Dquarkus.shutdown.delay=10s");
        // A's own server is the entry without a port: it takes quarkus.grpc.clients.lab.port, A's gRPC port
        a = PackagedApp.started(lab[0], lab[1], "-Dquarkus.grpc.clients.lab.name-resolver=static",
                "-Dquarkus.grpc.clients.lab.host=localhost:" + b.grpc + ",localhost:" + c.grpc + ",localhost");
        await().atMost(Duration.ofSeconds(10)).until(() -> backends().stream().filter(inRotation()).count() == 3);
    }

    @AfterAll
    static void stop() {
        for (Map.Entry<String, PackagedApp> instance : Map.of("balancing-a", a, "balancing-b", b, "balancing-c", c)
                .entrySet()) {
            if (instance.getValue() != null) {
                instance.getValue().close(instance.getKey());
            }
        }
    }

    @Test
    @Order(1)
    void callsSpreadOverEveryBackend() throws Exception {
        JsonNode before = backend(a.grpc);
        double[] received = { a.echoCallsReceived(), b.echoCallsReceived(), c.echoCallsReceived() };

        for (int i = 0; i < 30; i++) {
            assertThat(echo(0).statusCode()).isEqualTo(200);
        }

        PackagedApp[] instances = { a, b, c };
        for (int i = 0; i < 3; i++) {
            assertThat(instances[i].echoCallsReceived() - received[i]).as("calls served by instance " + i)
                    .isEqualTo(10); // round robin over three READY backends: every third call
        }
        assertThat(backend(a.grpc).path("picks").asLong() - before.path("picks").asLong()).isBetween(10L, 11L);
        assertThat(backends()).allSatisfy(backend -> {
            assertThat(backend.path("state").asText()).isEqualTo("READY");
            assertThat(backend.path("health").asText()).isEqualTo("SERVING");
        });
    }

    @Test
    @Order(2)
    void anInstanceThatShutsDownLeavesTheRotationByItsHealthBeforeItRefusesAnything() throws Exception {
        c.terminate(); // SIGTERM: readiness and gRPC health go DOWN, and for quarkus.shutdown.delay it still serves
        JsonNode leaving = awaitBackend(c.grpc, backend -> backend.path("health").asText().equals("NOT_SERVING"));
        assertThat(leaving.path("inRotation").asBoolean()).isFalse();
        assertThat(leaving.path("state").asText()).as("its connection is still up").isEqualTo("READY");
        double received = c.echoCallsReceived();

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> response = echo(0);
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Grpc-Trailer-x-served-attempt")).as("no call needed a retry")
                    .hasValue("1");
        }
        assertThat(c.echoCallsReceived()).as("the leaving instance got no call, though it would still serve one")
                .isEqualTo(received);
    }

    @Test
    @Order(3)
    void anInstanceKilledUnderLoadLosesNoRequest() throws Exception {
        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicInteger answered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(6);
        List<Future<List<HttpResponse<String>>>> load = new ArrayList<>();
        try {
            for (int i = 0; i < 6; i++) {
                load.add(clients.submit(() -> {
                    List<HttpResponse<String>> responses = new ArrayList<>();
                    while (loading.get()) {
                        responses.add(echo(300)); // held for 300 ms: B always has calls in flight
                        answered.incrementAndGet();
                    }
                    return responses;
                }));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> answered.get() >= 24 && b.echoCallsReceived() > 0);
            b.close("balancing-b"); // SIGKILL: its connections close under the calls it holds
            int atKill = answered.get();
            await().atMost(Duration.ofSeconds(30)).until(() -> answered.get() >= atKill + 24);
        } finally {
            loading.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        List<HttpResponse<String>> responses = new ArrayList<>();
        for (Future<List<HttpResponse<String>>> client : load) {
            responses.addAll(client.get());
        }
        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).as(response.body())
                .isEqualTo(200));
        assertThat(responses).as("calls held by B were retried on another instance")
                .anySatisfy(response -> assertThat(response.headers().firstValue("Grpc-Trailer-x-served-attempt")
                        .map(Integer::parseInt).orElse(0)).isGreaterThan(1));
        JsonNode gone = awaitBackend(b.grpc, backend -> !backend.path("state").asText().equals("READY"));
        assertThat(gone.path("inRotation").asBoolean()).isFalse();
        assertThat(backend(a.grpc).path("inRotation").asBoolean()).isTrue();
    }

    private static HttpResponse<String> echo(int delayMs) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(a.http("/api/echo")).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("Grpc-Metadata-x-echo-delay-ms", "" + delayMs)
                .POST(HttpRequest.BodyPublishers.ofString("{\"echoMessage\":\"hi\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A's lab channel's backends, from its /demo/config. */
    private static List<JsonNode> backends() throws Exception {
        HttpResponse<String> config = HTTP.send(HttpRequest.newBuilder(a.http("/demo/config"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        JsonNode backends = JSON.readTree(config.body()).at("/client/balancing/backends");
        return StreamSupport.stream(backends.spliterator(), false).toList();
    }

    private static JsonNode backend(int grpcPort) throws Exception {
        return backends().stream().filter(backend -> backend.path("address").asText().endsWith(":" + grpcPort))
                .findFirst().orElseThrow(() -> new AssertionError("no backend on port " + grpcPort));
    }

    private static JsonNode awaitBackend(int grpcPort, Predicate<JsonNode> condition) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> backend(grpcPort), condition);
    }

    private static Predicate<JsonNode> inRotation() {
        return backend -> backend.path("inRotation").asBoolean();
    }
}
