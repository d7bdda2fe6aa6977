package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.util.concurrent.ListenableFuture;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoResponse;
import io.grpclab.echo.EchoServiceGrpc;
import io.grpclab.support.PackagedApp;

/**
 * The packaged app shutting down (SIGTERM) with a slow HTTP request and a slow gRPC call in flight: readiness (on the
 * management port) goes DOWN at once, after the delay new requests get 503 and new gRPC calls UNAVAILABLE, and both
 * slow ones finish. The jar logs JSON lines here; each call's lines carry its request id.
 */
class GracefulShutdownIT {

    static final Path CERTS = Path.of("target/it-certs");
    /** The lab profile: these tests hold calls open with the x-echo-delay-ms knob, which prod refuses. */
    static final String LAB = "-Dquarkus.profile=lab";

    PackagedApp app;

    @AfterEach
    void stop(TestInfo test) {
        if (app != null) {
            app.close(test.getTestMethod().orElseThrow().getName());
        }
    }

    @Test
    void aShutdownLetsCallsInFlightFinishAndRefusesNewOnes() throws Exception {
        app = PackagedApp.started(LAB, "-Dlab.tls.dir=" + CERTS, "-Dquarkus.shutdown.delay=1s",
                "-Dquarkus.log.console.json.enabled=true");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

        ManagedChannel channel = connected(app.grpc);
        try {
            double before = app.echoCallsReceived();
            CompletableFuture<HttpResponse<String>> slowHttp = client.sendAsync(
                    HttpRequest.newBuilder(app.http("/api/echo"))
                            .header("Content-Type", "application/json")
                            .header("X-Request-Id", "slow-http-1").header("Grpc-Metadata-x-echo-delay-ms", "4000")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"echoMessage\":\"slow\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            ListenableFuture<EchoResponse> slowGrpc = futureStub(channel, "5000")
                    .echo(EchoRequest.newBuilder().setEchoMessage("slow grpc").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> app.echoCallsReceived() >= before + 2);

            app.terminate();

            await().atMost(Duration.ofSeconds(2)).until(() -> app.status(app.management("/q/health/ready")) == 503);
            await().atMost(Duration.ofSeconds(3)).until(() -> app.status(app.http("/api/ping")) == 503);
            assertThat(app.status(app.http("/q/../api/ping"))).as("a path dressed up as /q/ is refused too")
                    .isEqualTo(503);
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(app.http("/demo/deadline")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(refused.body()).contains("the server is shutting down");
            HttpResponse<String> refusedEcho = client.send(HttpRequest.newBuilder(app.http("/api/echo"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"echoMessage\":\"late\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refusedEcho.statusCode()).as("the gateway's routes are refused too").isEqualTo(503);
            assertThat(refusedEcho.body()).as("refused by the HTTP side, not by a gRPC call that met the drain")
                    .contains("urn:grpclab:problem:shutting-down").doesNotContain("grpcStatus");
            assertThatThrownBy(() -> stub(channel, "0").echo(EchoRequest.newBuilder().setEchoMessage("late").build()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE));
            assertThat(slowHttp.isDone()).as("the slow request is still in flight while new ones are refused")
                    .isFalse();
            assertThat(slowHttp.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            assertThat(slowHttp.get().body()).contains("slow");
            assertThat(slowGrpc.get(10, TimeUnit.SECONDS).getEchoMessage()).isEqualTo("slow grpc");
            assertThat(app.exitCode(Duration.ofSeconds(30))).as("the app stopped (143: SIGTERM)").isIn(0, 143);
        } finally {
            channel.shutdownNow();
        }

        List<String> log = app.log();
        List<JsonNode> lines = json(log);
        assertThat(lines).as("every line is JSON").hasSameSizeAs(log.stream().filter(l -> !l.isBlank()).toList());
        assertThat(lines).filteredOn(l -> l.path("message").asText().contains("called EchoService/Echo: OK"))
                .anySatisfy(l -> assertThat(l.at("/mdc/requestId").asText()).isEqualTo("slow-http-1"));
        assertThat(lines).anySatisfy(l -> assertThat(l.path("message").asText()).contains("gRPC call(s) in flight"));
    }

    @Test
    void aNewCallDuringTheDrainIsRefusedCleanly() throws Exception {
        app = PackagedApp.started(LAB, "-Dlab.tls.dir=" + CERTS, "-Dquarkus.shutdown.delay=0s");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        ManagedChannel channel = connected(app.grpc);
        try {
            double before = app.echoCallsReceived();
            ListenableFuture<EchoResponse> inFlight = futureStub(channel, "2500")
                    .echo(EchoRequest.newBuilder().setEchoMessage("in flight").build());
            await().atMost(Duration.ofSeconds(10)).until(() -> app.echoCallsReceived() >= before + 1);
            app.terminate();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> app.log().stream().anyMatch(l -> l.contains("gRPC call(s) in flight")));

            StatusRuntimeException refused = null;
            try {
                stub(channel, "0").echo(EchoRequest.newBuilder().setEchoMessage("late").build());
            } catch (StatusRuntimeException e) {
                refused = e;
            }
            assertThat(refused).as("a call during the drain is refused").isNotNull();
            assertThat(refused.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE);
            assertThat(HealthGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .check(HealthCheckRequest.getDefaultInstance()).getStatus())
                    .as("a health check is answered during the drain, and says why no call is taken")
                    .isEqualTo(ServingStatus.NOT_SERVING);
            assertThat(inFlight.get(10, TimeUnit.SECONDS).getEchoMessage()).isEqualTo("in flight");
        } finally {
            channel.shutdownNow();
        }
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
}
