package io.grpclab.keepalive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoServiceGrpc;
import io.grpclab.support.RawHttp2Connection;
import io.grpclab.support.RawHttp2Connection.Frame;
import io.grpclab.support.TestGrpc;
import io.grpclab.support.TlsChannelTestBase;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The gRPC server's transport limits, held to account with a client that breaks the rules on purpose (frames written
 * by hand), with limits shrunk so that each takes a moment: 5 calls per connection, 10 stream resets per window, 1 s
 * of idleness, 500 ms for a TLS handshake.
 */
@QuarkusTest
@TestProfile(TransportLimitsTests.SmallLimits.class)
class TransportLimitsTests extends TlsChannelTestBase {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.grpc.server.max-concurrent-calls-per-connection", "5",
                    "lab.grpc.server.max-rst-frames-per-window", "10", "lab.grpc.server.max-connection-idle", "1s",
                    "quarkus.grpc.server.handshake-timeout", "500ms");
        }
    }

    static final Duration PATIENCE = Duration.ofSeconds(5);
    static final String ECHO = "/EchoService/Echo";

    @Test
    void theServerAdvertisesItsCapOnCallsPerConnection() throws Exception {
        try (RawHttp2Connection connection = open()) {
            Frame settings = connection.await(f -> f.type() == RawHttp2Connection.SETTINGS && (f.flags() & 1) == 0,
                    PATIENCE);

            assertThat(settings.setting(RawHttp2Connection.SETTINGS_MAX_CONCURRENT_STREAMS)).isEqualTo(5L);
        }
    }

    @Test
    void aCallBeyondTheCapIsRefusedWhileTheOthersStayOpen() throws Exception {
        try (RawHttp2Connection connection = open()) {
            connection.await(f -> f.type() == RawHttp2Connection.SETTINGS && (f.flags() & 1) == 0, PATIENCE);
            connection.acknowledgeSettings();
            for (int stream = 1; stream <= 11; stream += 2) {
                connection.openCall(stream, ECHO);
            }

            Frame refused = connection.await(f -> f.type() == RawHttp2Connection.RST_STREAM, PATIENCE);
            assertThat(refused.streamId()).as("the sixth call").isEqualTo(11);
            assertThat(refused.errorCode()).as("REFUSED_STREAM").isEqualTo(0x7);
        }
    }

    @Test
    void aFloodOfOpenedAndResetCallsGetsGoawayEnhanceYourCalm() throws Exception {
        try (RawHttp2Connection connection = open()) {
            connection.await(f -> f.type() == RawHttp2Connection.SETTINGS && (f.flags() & 1) == 0, PATIENCE);
            connection.acknowledgeSettings();
            for (int stream = 1; stream <= 41; stream += 2) {
                connection.openCall(stream, ECHO);
                connection.reset(stream);
            }

            Frame goAway = connection.await(f -> f.type() == RawHttp2Connection.GOAWAY, PATIENCE);
            assertThat(goAway).as("GOAWAY before the connection closed").isNotNull();
            assertThat(goAway.errorCode()).as("ENHANCE_YOUR_CALM").isEqualTo(0xb);
            assertThat(goAway.debugData()).isEqualTo("too_many_rststreams");
        }
    }

    @Test
    void anIdleConnectionIsClosedGracefully() throws Exception {
        try (RawHttp2Connection connection = open()) {
            connection.await(f -> f.type() == RawHttp2Connection.SETTINGS && (f.flags() & 1) == 0, PATIENCE);
            connection.acknowledgeSettings();

            Frame goAway = connection.await(f -> f.type() == RawHttp2Connection.GOAWAY, PATIENCE);
            assertThat(goAway).isNotNull();
            assertThat(goAway.errorCode()).as("NO_ERROR").isZero();
            assertThat(goAway.debugData()).isEqualTo("max_idle");
        }
    }

    @Test
    void aConnectionThatNeverStartsItsHandshakeIsDropped() throws Exception {
        try (Socket silent = new Socket("localhost", TestGrpc.port())) {
            silent.setSoTimeout((int) PATIENCE.toMillis());
            long start = System.nanoTime();
            InputStream in = silent.getInputStream();

            assertThat(in.read()).as("the server closed the connection").isEqualTo(-1);
            assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(400);
        }
    }

    @Test
    void aMessageAboveTheLimitIsResourceExhaustedWithADescription() {
        EchoRequest huge = EchoRequest.newBuilder().setEchoMessage("x".repeat(1_100_000)).build();

        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
                .echo(huge))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).contains("1048576");
                });
    }

    @Test
    void aRestBodyAboveTheLimitIs413ProblemJson() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"" + "x".repeat(70_000) + "\"}")
                .when().post("/api/echo")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("detail", containsString("at most 65536"));
    }

    @TestHTTPResource("/api/echo")
    URI echo;

    @Test
    void aChunkedRestBodyThatGrowsPastTheLimitIs413ProblemJsonToo() throws Exception {
        byte[] body = ("{\"echoMessage\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(echo).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                // no length up front: sent chunked, so only counting what arrives can stop it
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).contains("at most 65536");
    }

    @Test
    void theReportShowsTheLimits() {
        given().when().get("/demo/config").then().statusCode(200)
                .body("server.limits.maxConcurrentCallsPerConnection", equalTo(5))
                .body("server.limits.maxRstFramesPerWindow", equalTo(10))
                .body("server.limits.maxInboundMessageSize", equalTo(1048576))
                .body("server.limits.handshakeTimeoutMs", equalTo(500))
                .body("server.keepalive.maxConnectionIdleMs", equalTo(1000));
    }

    private static RawHttp2Connection open() throws Exception {
        return RawHttp2Connection.open(TestGrpc.port(), TestGrpc.CERTS.resolve("ca.crt"));
    }
}
