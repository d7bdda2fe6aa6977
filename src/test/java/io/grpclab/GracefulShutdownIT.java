package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.util.concurrent.ListenableFuture;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoResponse;
import io.grpclab.echo.EchoServiceGrpc;

/**
 * The packaged jar shutting down (SIGTERM) with a slow HTTP request and a slow gRPC call in flight: readiness goes
 * DOWN at once, after the delay new requests get 503 and new gRPC calls UNAVAILABLE, and both slow ones finish. The jar logs JSON lines here; each call's lines carry
 * its request id.
 */
class GracefulShutdownIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Path CERTS = Path.of("target/it-certs");

    Process app;
    Thread reader;
    final List<String> log = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop(org.junit.jupiter.api.TestInfo test) throws IOException {
        if (app != null) {
            app.destroyForcibly();
        }
        java.nio.file.Files.write(Path.of("target/" + test.getTestMethod().orElseThrow().getName() + ".log"), log);
    }

    @Test
    void aShutdownLetsCallsInFlightFinishAndRefusesNewOnes() throws Exception {
        int http = freePort();
        int grpc = freePort();
        HttpClient client = started(http, grpc, "-Dquarkus.shutdown.delay=1s", "-Dquarkus.log.console.json.enabled=true");

        ManagedChannel channel = connected(grpc);
        try {
            double before = echoCallsReceived(client, http);
            CompletableFuture<HttpResponse<String>> slowHttp = client.sendAsync(HttpRequest.newBuilder(
                    URI.create("http://localhost:" + http + "/api/echo")).header("Content-Type", "application/json")
                    .header("X-Request-Id", "slow-http-1").header("Grpc-Metadata-x-echo-delay-ms", "4000")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"echoMessage\":\"slow\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            ListenableFuture<EchoResponse> slowGrpc = futureStub(channel, "5000")
                    .echo(EchoRequest.newBuilder().setEchoMessage("slow grpc").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> echoCallsReceived(client, http) >= before + 2);

            app.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output

            await().atMost(Duration.ofSeconds(2)).until(() -> status(client, http, "/q/health/ready") == 503);
            await().atMost(Duration.ofSeconds(3)).until(() -> status(client, http, "/api/ping") == 503);
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + http
                    + "/demo/deadline")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("the server is shutting down");
            assertThatThrownBy(() -> stub(channel, "0").echo(EchoRequest.newBuilder().setEchoMessage("late").build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE));
            assertThat(slowHttp.isDone()).as("the slow request is still in flight while new ones are refused").isFalse();
            assertThat(slowHttp.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(slowHttp.get().body()).contains("slow");
            assertThat(slowGrpc.get(10, TimeUnit.SECONDS).getEchoMessage()).isEqualTo("slow grpc");
            assertThat(app.waitFor(30, TimeUnit.SECONDS)).as("the app stopped").isTrue();
            reader.join(5000);
        } finally {
            channel.shutdownNow();
        }

        List<JsonNode> lines = json(log);
        assertThat(lines).as("every line is JSON").hasSameSizeAs(log.stream().filter(l -> !l.isBlank()).toList());
        assertThat(lines).filteredOn(l -> l.path("message").asText().contains("called EchoService/Echo: OK"))
                .anySatisfy(l -> assertThat(l.at("/mdc/requestId").asText()).isEqualTo("slow-http-1"));
        assertThat(lines).anySatisfy(l -> assertThat(l.path("message").asText()).contains("gRPC call(s) in flight"));
    }

    @Test
    void aNewCallDuringTheDrainIsRefusedCleanly() throws Exception {
        int http = freePort();
        int grpc = freePort();
        HttpClient client = started(http, grpc, "-Dquarkus.shutdown.delay=0s");
        ManagedChannel channel = connected(grpc);
        try {
            double before = echoCallsReceived(client, http);
            ListenableFuture<EchoResponse> inFlight = futureStub(channel, "2500")
                    .echo(EchoRequest.newBuilder().setEchoMessage("in flight").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> echoCallsReceived(client, http) >= before + 1);
            app.toHandle().destroy();
            await().atMost(Duration.ofSeconds(10)).until(() -> log.stream().anyMatch(l -> l.contains("gRPC call(s) in flight")));

            StatusRuntimeException refused = null;
            try {
                stub(channel, "0").echo(EchoRequest.newBuilder().setEchoMessage("late").build());
            } catch (StatusRuntimeException e) {
                refused = e;
            }
            assertThat(refused).as("a call during the drain is refused").isNotNull();
            assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
            assertThat(inFlight.get(10, TimeUnit.SECONDS).getEchoMessage()).isEqualTo("in flight");
        } finally {
            channel.shutdownNow();
        }
    }

    /** Starts the jar on these ports with these system properties, reads its output, and waits until it is ready. */
    private HttpClient started(int http, int grpc, String... properties) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dquarkus.http.port=" + http, "-Dquarkus.grpc.server.port=" + grpc,
                "-Dquarkus.grpc.clients.lab.port=" + grpc, "-Dlab.tls.dir=" + CERTS));
        command.addAll(List.of(properties));
        command.addAll(List.of("-jar", JAR.toString()));
        app = new ProcessBuilder(command).redirectErrorStream(true).start();
        app.getOutputStream().close();
        reader = new Thread(() -> readLines(app));
        reader.setDaemon(true);
        reader.start();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        await().atMost(Duration.ofSeconds(60)).until(() -> status(client, http, "/q/health/ready") == 200);
        return client;
    }

    /** A channel with its TLS connection made (one quick call), so that a test's timing starts warm. */
    private static ManagedChannel connected(int grpc) throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", grpc)
                .sslContext(GrpcSslContexts.forClient().trustManager(CERTS.resolve("ca.crt").toFile()).build()).build();
        stub(channel, "0").echo(EchoRequest.newBuilder().setEchoMessage("warm up").build());
        return channel;
    }

    private static EchoServiceGrpc.EchoServiceBlockingStub stub(ManagedChannel channel, String delayMs) {
        return EchoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(delay(delayMs)));
    }

    private static EchoServiceGrpc.EchoServiceFutureStub futureStub(ManagedChannel channel, String delayMs) {
        return EchoServiceGrpc.newFutureStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(delay(delayMs)));
    }

    private static Metadata delay(String delayMs) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-echo-delay-ms", Metadata.ASCII_STRING_MARSHALLER), delayMs);
        return headers;
    }

    private void readLines(Process process) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.add(line);
            }
        } catch (IOException e) {
            log.add("(log read failed: " + e + ")");
        }
    }

    private static List<JsonNode> json(List<String> lines) {
        ObjectMapper mapper = new ObjectMapper();
        return lines.stream().filter(l -> !l.isBlank()).map(l -> {
            try {
                return mapper.readTree(l);
            } catch (IOException e) {
                return null;
            }
        }).filter(n -> n != null && n.isObject()).toList();
    }

    /** Echo requests the gRPC server has received: a call is in flight on the server once it counts here. */
    private static double echoCallsReceived(HttpClient client, int port) throws Exception {
        String metrics = client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/metrics"))
                .timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return metrics.lines().filter(l -> l.startsWith("grpc_server_requests_received_messages_total")
                && l.contains("method=\"Echo\"")).mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static int status(HttpClient client, int port, String path) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
