package io.grpclab.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import io.grpclab.support.CapturedLog;
import io.grpclab.support.RawHttp2Connection;
import io.grpclab.support.RawHttp2Connection.Frame;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The HTTP side under an HTTP/2 flood, over both listeners (HTTPS with h2, cleartext with h2c): the stream limit is
 * advertised and enforced, and a client that opens streams with declared bodies and then drops its connection costs a
 * debug line per stream, not an error with a stack trace, and leaves the event loop free for the next caller.
 */
@QuarkusTest
class Http2FloodTests {

    static final Duration PATIENCE = Duration.ofSeconds(10);
    /** quarkus.http.limits.max-concurrent-streams, as application.properties sets it for every profile. */
    static final long STREAM_LIMIT = 100;

    @TestHTTPResource("/")
    URL http;

    @TestHTTPResource(value = "/", tls = true)
    URL https;

    @Test
    void bothListenersAdvertiseTheStreamLimit() throws Exception {
        for (RawHttp2Connection connection : List.of(tls(), cleartext())) {
            try (connection) {
                Frame settings = connection.await(f -> f.type() == RawHttp2Connection.SETTINGS && (f.flags() & 1) == 0,
                        PATIENCE);

                assertThat(settings.setting(RawHttp2Connection.SETTINGS_MAX_CONCURRENT_STREAMS))
                        .isEqualTo(STREAM_LIMIT);
            }
        }
    }

    @Test
    void aStreamBeyondTheLimitIsRefused() throws Exception {
        try (RawHttp2Connection connection = cleartext()) {
            connection.await(f -> f.type() == RawHttp2Connection.SETTINGS && (f.flags() & 1) == 0, PATIENCE);
            connection.acknowledgeSettings();
            int beyond = (int) (2 * STREAM_LIMIT + 1);
            for (int stream = 1; stream <= beyond; stream += 2) {
                connection.openRequest(stream, "POST", "http", "/api/echo", declaredBody());
            }

            Frame refused = connection.await(f -> f.type() == RawHttp2Connection.RST_STREAM
                    || f.type() == RawHttp2Connection.GOAWAY, PATIENCE);
            assertThat(refused.type()).as("a reset of the stream over the limit, not of the connection")
                    .isEqualTo(RawHttp2Connection.RST_STREAM);
            assertThat(refused.streamId()).as("the first stream over the limit").isEqualTo(beyond);
            assertThat(refused.errorCode()).as("REFUSED_STREAM").isEqualTo(0x7);
        }
    }

    @Test
    void hundredsOfDroppedStreamsWithDeclaredBodiesLogNoErrorOverTls() throws Exception {
        dropStreams(this::tls, "https");
    }

    @Test
    void hundredsOfDroppedStreamsWithDeclaredBodiesLogNoErrorOverCleartext() throws Exception {
        dropStreams(this::cleartext, "http");
    }

    private void dropStreams(Opener opener, String scheme) throws Exception {
        try (CapturedLog log = CapturedLog.of("", Level.WARNING)) {
            for (int round = 0; round < 4; round++) { // 400 streams: four connections filled to the limit
                try (RawHttp2Connection connection = opener.open()) {
                    connection.await(f -> f.type() == RawHttp2Connection.SETTINGS && (f.flags() & 1) == 0, PATIENCE);
                    connection.acknowledgeSettings();
                    for (int stream = 1; stream < 2 * STREAM_LIMIT; stream += 2) {
                        connection.openRequest(stream, "POST", scheme, "/api/echo", declaredBody());
                    }
                    connection.ping();
                    connection.await(f -> f.type() == RawHttp2Connection.PING && (f.flags() & 1) == 1, PATIENCE);
                } // dropped with every stream waiting for its body
            }

            await().atMost(PATIENCE).untilAsserted(() -> assertThat(activeRequests()).as("the scrape's own request")
                    .isEqualTo(1));
            given().get("/q/health/live").then().statusCode(200);
            assertThat(log.lines()).as("warnings and errors while 400 streams were dropped").isEmpty();
        }
    }

    private static Map<String, String> declaredBody() {
        return Map.of("content-type", "application/json", "content-length", "100");
    }

    /** http_server_active_requests, from the Prometheus scrape. */
    private static double activeRequests() {
        String scrape = given().get("/q/metrics").then().statusCode(200).extract().asString();
        List<Double> values = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            if (line.startsWith("http_server_active_requests")) {
                values.add(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
            }
        }
        assertThat(values).as("http_server_active_requests in the scrape").isNotEmpty();
        return values.stream().mapToDouble(Double::doubleValue).sum();
    }

    private RawHttp2Connection tls() throws Exception {
        return RawHttp2Connection.open(https.getPort(), TestGrpc.CERTS.resolve("ca.crt"));
    }

    private RawHttp2Connection cleartext() throws Exception {
        return RawHttp2Connection.openCleartext(http.getPort());
    }

    @FunctionalInterface
    private interface Opener {
        RawHttp2Connection open() throws Exception;
    }
}
