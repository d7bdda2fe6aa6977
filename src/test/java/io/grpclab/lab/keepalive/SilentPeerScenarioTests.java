package io.grpclab.lab.keepalive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpclab.support.ChannelStateSequences;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The silent peer, run for real through the fault proxy: keepalive finds it within time + timeout + 1 s and the retry
 * goes over a new connection; without keepalive the call waits out its deadline on a connection still READY.
 */
@QuarkusTest
class SilentPeerScenarioTests {

    @Test
    void keepaliveFindsTheSilentPeerAndTheRetryGoesOverANewConnection() {
        JsonPath report = given().queryParam("keepAliveTimeoutMs", 1000).queryParam("delayMs", 1000)
                .get("/demo/keepalive/silent-peer").then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("outcome.status")).isEqualTo("OK");
        long silence = report.getLong("silenceAtMs");
        long detected = report.getLong("detectedAtMs");
        assertThat(detected).as("a ping goes out 10 s after the last read, before the silence at the latest")
                .isGreaterThanOrEqualTo(10_000).isLessThanOrEqualTo(report.getLong("detectionBoundMs"));
        assertThat(report.getLong("detectionBoundMs")).isEqualTo(silence + 10_000 + 1000 + 1000);
        assertThat(report.getBoolean("detectedWithinBound")).isTrue();
        assertThat(report.getList("attempts.status", String.class)).containsExactly("UNAVAILABLE", "OK");
        assertThat(report.getList("connections")).hasSizeGreaterThanOrEqualTo(2);
        assertThat(report.getLong("connections[0].droppedUpstream")).as("the unanswered ping").isPositive();
        List<Map<String, Object>> timeline = report.getList("timeline");
        assertThat(timeline).anySatisfy(entry -> {
            assertThat(entry.get("source")).isEqualTo("proxy");
            assertThat((String) entry.get("what")).startsWith("connection 1: dropped").endsWith("upstream");
            assertThat(((Number) entry.get("atMs")).longValue()).isBetween(silence, detected);
        });
        List<Object> states = timeline.stream().filter(entry -> "channel".equals(entry.get("source")))
                .map(entry -> entry.get("what")).toList();
        assertThat(ChannelStateSequences.leftReadyAndCameBack(states))
                .as("READY, then IDLE or CONNECTING, then READY: %s", states).isTrue();
        assertThat(report.getString("explanation")).contains("gave the connection up", "2 attempts over 2 connections");
    }

    @Test
    void withoutKeepaliveTheCallWaitsOutItsDeadlineOnAConnectionStillReady() {
        JsonPath report = given().queryParam("keepalive", false).queryParam("deadlineMs", 3000)
                .queryParam("delayMs", 1500).get("/demo/keepalive/silent-peer").then().statusCode(200).extract()
                .jsonPath();

        assertThat(report.getString("outcome.status")).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(report.getString("detectedAtMs")).isNull();
        assertThat(report.getLong("elapsedMs")).isGreaterThanOrEqualTo(3000);
        assertThat(report.getLong("connections[0].droppedDownstream")).as("the server's answer, never delivered")
                .isPositive();
        assertThat(report.getList("attempts")).as("no retry: the deadline is not retryable").hasSize(1);
        List<Object> states = report.getList("timeline.findAll { it.source == 'channel' }.what");
        assertThat(states).last().isEqualTo("READY");
        assertThat(report.getString("explanation")).contains("never noticed");
    }

    @Test
    void itsParametersAreBounded() {
        given().queryParam("keepAliveTimeMs", 5000).queryParam("silenceAfterMs", 9000)
                .get("/demo/keepalive/silent-peer").then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalidParams.name", hasItem("keepAliveTimeMs"))
                .body("invalidParams.name", hasItem("silenceAfterMs"));
    }
}
