package io.grpclab.lab.badnetwork;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The retry policy and hedging against links that fail for real, through fault proxies of each run's own: what the
 * reports say is checked against the proxy's record and grpc-java's attempts.
 */
@QuarkusTest
class BadNetworkScenarioTests {

    @Test
    void latencyBeyondTheDeadlineEndsTheCallAfterOneAttempt() {
        JsonPath report = run("/demo/bad-network/latency", Map.of());

        assertThat(report.getString("outcome.status")).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(report.getList("calls[0].attempts")).hasSize(1);
        assertThat(report.getLong("calls[0].elapsedMs")).isGreaterThanOrEqualTo(500);
        assertThat(report.getString("policy.kind")).isEqualTo("retry");
        assertThat(report.getList("policy.retry.retryableStatusCodes")).containsExactly("UNAVAILABLE");
        assertThat(report.getString("backends[0].fault")).startsWith("latency 300 ms");
        assertThat(report.getList("connections.record.events.what", List.class).get(0))
                .anySatisfy(event -> assertThat((String) event).contains("latency 300 ms"));
        assertThat(report.getString("explanation")).contains("DEADLINE_EXCEEDED", "retries [UNAVAILABLE] only");
    }

    @Test
    void latencyWithinTheDeadlineCostsARoundTrip() {
        JsonPath report = run("/demo/bad-network/latency", Map.of("latencyMs", 200, "deadlineMs", 3000));

        assertThat(report.getString("outcome.status")).isEqualTo("OK");
        assertThat(report.getLong("calls[0].elapsedMs")).as("two ways of 200 ms").isGreaterThanOrEqualTo(400);
        assertThat(report.getInt("calls[0].attempts[0].servedAs")).isEqualTo(1);
    }

    @Test
    void aResetWhileTheServerWorksIsRetriedUnderThePolicyOnANewConnection() {
        JsonPath report = run("/demo/bad-network/reset", Map.of("delayMs", 1000));

        assertThat(report.getString("outcome.status")).isEqualTo("OK");
        assertThat(report.getList("calls[0].attempts.status", String.class)).containsExactly("UNAVAILABLE", "OK");
        assertThat(report.getString("calls[0].attempts[0].transparentRetry")).isNull();
        assertThat(report.getString("calls[0].attempts[1].transparentRetry")).isNull();
        assertThat(report.getInt("calls[0].attempts[1].servedAs")).isEqualTo(2);
        assertThat(report.getLong("calls[0].attempts[1].backoffBeforeMs")).isNotNull();
        assertThat(report.getList("connections.record.id", Integer.class)).containsExactly(1, 2);
        assertThat(report.getString("connections[0].record.closedBy")).isEqualTo("proxy: f1 reset");
        assertThat(report.getString("connections[0].record.closedHow")).isEqualTo("RST");
        assertThat(report.getString("connections[1].record.closedAtMs")).as("the retry's connection").isNull();
        assertThat(report.getString("explanation")).contains("Attempt 2 (under the retry policy", "cannot tell");
    }

    @Test
    void aResetBeforeTheServerSawTheRequestIsStillThePolicysRetry() {
        JsonPath report = run("/demo/bad-network/reset", Map.of("beforeServer", true, "delayMs", 200));

        assertThat(report.getString("outcome.status")).isEqualTo("OK");
        assertThat(report.getList("calls[0].attempts.status", String.class)).containsExactly("UNAVAILABLE", "OK");
        assertThat(report.getString("calls[0].attempts[1].transparentRetry")).isNull();
        assertThat(report.getInt("calls[0].attempts[1].servedAs")).as("the server counts the client's attempts")
                .isEqualTo(2);
        assertThat(report.getList("connections[0].record.events.what", String.class))
                .contains("f1 reset after 1 bytes");
    }

    @Test
    void hedgesToTheFastBackendAnswerForTheSlowOne() {
        JsonPath report = run("/demo/bad-network/slow-backend", Map.of("calls", 6));

        assertThat(report.getString("policy.kind")).isEqualTo("hedging");
        assertThat(report.getList("backends.name", String.class)).containsExactly("b1", "b2");
        List<Map<String, Object>> calls = report.getList("calls");
        assertThat(calls).hasSize(6).allSatisfy(call -> assertThat(call.get("outcome")).asString().contains("OK"));
        List<Map<String, Object>> startedSlow = calls.stream()
                .filter(call -> "b1".equals(attempts(call).get(0).get("backend"))).toList();
        assertThat(startedSlow).as("round robin sends a first attempt to b1 at least every other call: " + report.prettify())
                .isNotEmpty()
                .allSatisfy(call -> {
                    assertThat(call.get("winnerBackend")).isEqualTo("b2");
                    assertThat(attempts(call).get(0).get("status")).as("cancelled when the hedge won")
                            .isEqualTo("CANCELLED");
                });
        assertThat(report.getString("explanation")).contains(startedSlow.size() + " of the 6 calls");
    }

    @Test
    void aSilentBackendLeavesTheRotationThroughKeepaliveAndComesBackOverANewConnection() {
        JsonPath report = run("/demo/bad-network/silent-backend", Map.of("keepAliveTimeoutMs", 1000, "calls", 4));
        System.out.println(report.prettify());

        List<Map<String, Object>> calls = report.getList("calls");
        assertThat(calls).allSatisfy(call -> assertThat(call.get("outcome")).asString().contains("OK"));
        Map<String, Object> held = calls.stream().filter(call -> attempts(call).size() > 1).findFirst()
                .orElseThrow(() -> new AssertionError("no call was held on b1: " + report.prettify()));
        assertThat(attempts(held).get(0)).containsEntry("backend", "b1").containsEntry("status", "UNAVAILABLE");
        assertThat(((Number) attempts(held).get(0).get("durationMs")).longValue())
                .as("found by keepalive: a ping 10 s after the last read, 1 s for its ack").isBetween(9_000L, 12_500L);
        assertThat(attempts(held).get(attempts(held).size() - 1)).containsEntry("backend", "b2")
                .containsEntry("status", "OK");
        assertThat(report.getString("explanation")).contains("b1 left the rotation at", "and was back at");
        assertThat(report.getList("connections.backend", String.class)).as("b1 reconnected")
                .filteredOn("b1"::equals).hasSizeGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @CsvSource({ "latency,latencyMs,-1", "latency,deadlineMs,10", "reset,resetAfterMs,0", "reset,delayMs,10001",
            "slow-backend,calls,11", "slow-backend,latencyMs,5001", "silent-backend,keepAliveTimeoutMs,999",
            "silent-backend,calls,1" })
    void aParameterOutOfItsBoundsGetsAProblemNamingIt(String scenario, String parameter, String value) {
        given().queryParam(parameter, value).get("/demo/bad-network/" + scenario).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString(parameter))
                .body("status", equalTo(400));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> attempts(Map<String, Object> call) {
        return (List<Map<String, Object>>) call.get("attempts");
    }

    private static JsonPath run(String path, Map<String, Object> parameters) {
        return given().queryParams(parameters).get(path).then().statusCode(200).extract().jsonPath();
    }
}
