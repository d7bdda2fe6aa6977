package io.grpclab.lab.retry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.grpclab.support.FixedClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class RetryScenarioTests {

    @Test
    void threeFailuresTakeFourAttemptsAndEndOk() {
        JsonPath report = retry("failAttempts=3");

        assertThat(report.getString("outcome.status")).isEqualTo("OK");
        assertThat(report.getList("attempts.number", Integer.class)).containsExactly(1, 2, 3, 4);
        assertThat(report.getList("attempts.status", String.class))
                .containsExactly("UNAVAILABLE", "UNAVAILABLE", "UNAVAILABLE", "OK");
        assertThat(report.getList("attempts.servedAs", Integer.class)).containsExactly(1, 2, 3, 4);
        assertThat(report.getBoolean("server.consistent")).isTrue();
        assertThat(report.getInt("server.serverAttempts")).isEqualTo(4);
        assertThat(report.getString("stoppedBecause")).isNull();
    }

    @Test
    void theSeedsPolicyReallyMakesTenAttemptsNotFive() {
        JsonPath report = retry("failAttempts=7");

        assertThat(report.getInt("effectiveMaxAttempts")).isEqualTo(10);
        assertThat(report.getMap("policy")).containsEntry("maxAttempts", 10).containsEntry("initialBackoff", "0.1s")
                .containsEntry("maxBackoff", "1s").containsEntry("backoffMultiplier", 2.0f)
                .containsEntry("retryableStatusCodes", List.of("UNAVAILABLE"));
        assertThat(report.getList("attempts")).hasSize(8);
        assertThat(report.getString("outcome.status")).isEqualTo("OK");
    }

    @Test
    void twelveFailuresStopAfterExactlyTenAttemptsEachBackoffWithinItsBound() {
        JsonPath report = retry("failAttempts=12");

        assertThat(report.getString("outcome.status")).isEqualTo("UNAVAILABLE");
        assertThat(report.getList("attempts")).hasSize(10);
        assertThat(report.getInt("server.serverAttempts")).isEqualTo(10);
        assertThat(report.getString("stoppedBecause")).isEqualTo("all 10 attempts were used");
        List<Map<String, Object>> attempts = report.getList("attempts");
        for (int n = 2; n <= 10; n++) {
            double bound = Math.min(100 * Math.pow(2, n - 2), 1000);
            // grpc-java 1.79 jitters by 0.4..1.2 (RetriableStream.intervalWithJitter); plus scheduling slack
            assertThat(((Number) attempts.get(n - 1).get("backoffBeforeMs")).longValue())
                    .as("backoff before attempt " + n)
                    .isBetween((long) (0.4 * bound) - 1, (long) (1.2 * bound) + BackoffCheck.SLACK_MS);
        }
        assertThat(report.getList("backoff.checks.ok", Boolean.class)).hasSize(9).containsOnly(true);
    }

    @Test
    void aNonRetryableCodeIsTriedOnce() {
        JsonPath report = retry("failAttempts=3&code=INTERNAL");

        assertThat(report.getString("outcome.status")).isEqualTo("INTERNAL");
        assertThat(report.getList("attempts")).hasSize(1);
        assertThat(report.getString("stoppedBecause")).startsWith("INTERNAL is not in retryableStatusCodes");
    }

    @Test
    void theServersPushbackReplacesTheBackoff() {
        JsonPath report = retry("failAttempts=2&pushbackMs=300");

        assertThat(report.getString("outcome.status")).isEqualTo("OK");
        assertThat(report.getList("attempts.backoffBeforeMs", Long.class).subList(1, 3))
                .allSatisfy(waited -> assertThat(waited).isBetween(299L, 300L + BackoffCheck.SLACK_MS));
        assertThat(report.getList("backoff.checks.ok", Boolean.class)).containsOnly(true);
        assertThat(report.getList("backoff.checks.source", String.class)).containsOnly("PUSHBACK");
        assertThat(report.getList("backoff.checks.expectedMs.minMs", Long.class)).containsOnly(300L);
        assertThat(report.getList("backoff.checks.expectedMs.maxMs", Long.class))
                .containsOnly(300L + BackoffCheck.SLACK_MS);
    }

    @Test
    void aNegativePushbackStopsRetries() {
        JsonPath report = retry("failAttempts=3&pushbackMs=-1");

        assertThat(report.getList("attempts")).hasSize(1);
        assertThat(report.getString("stoppedBecause")).contains("pushback", "said not to retry");
    }

    @Test
    void oneDeadlineCoversEveryAttempt() {
        JsonPath report = retry("failAttempts=12&deadlineMs=500");

        assertThat(report.getString("outcome.status")).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(report.getLong("elapsedMs")).isBetween(500L, 800L);
        assertThat(report.getList("attempts").size()).isBetween(2, 9);
        assertThat(report.getString("stoppedBecause")).startsWith("the deadline passed");
        assertThat(report.getBoolean("server.consistent")).isTrue();
    }

    @Test
    void retryThrottlingStopsRetriesWhenTheBucketIsHalfEmpty() {
        JsonPath report = retry("failAttempts=12&throttleMaxTokens=4&throttleTokenRatio=0.5");

        assertThat(report.getMap("throttling")).containsEntry("maxTokens", 4);
        assertThat(report.getList("attempts")).hasSize(2);
        assertThat(report.getString("stoppedBecause"))
                .startsWith("retry throttling: 2 failed attempt(s) left 2.0 of 4");
    }

    @Test
    void seedModeFailsInTheFirstSecondOfEveryTwo() {
        FixedClock.at("2026-11-25T10:00:00.500Z");
        JsonPath failing = retry("mode=seed&deadlineMs=300");
        assertThat(failing.getString("outcome.status")).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(failing.getList("attempts.description", String.class)).contains("Server Unavailable");

        FixedClock.at("2026-11-25T10:00:01.500Z");
        JsonPath answering = retry("mode=seed");
        assertThat(answering.getString("outcome.status")).isEqualTo("OK");
        assertThat(answering.getList("attempts")).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({ "failAttempts,101", "code,OK", "code,SOMETIMES", "pushbackMs,-2", "mode,sometimes", "deadlineMs,0",
            "deadlineMs,soon", "throttleMaxTokens,5000", "throttleTokenRatio,1.5" })
    void aParameterOutOfBoundsIs400NamingIt(String name, String value) {
        // the throttling pair goes together: the other one is given a valid value, so only this one's bound fails
        String partner = name.equals("throttleMaxTokens") ? "throttleTokenRatio" : "throttleMaxTokens";
        given().queryParam(name, value).queryParam(partner, partner.equals("throttleMaxTokens") ? "5" : "0.5")
                .when().get("/demo/retry").then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalidParams.name", hasItem(name));
    }

    @Test
    void throttlingParametersGoTogether() {
        given().queryParam("throttleMaxTokens", 5).when().get("/demo/retry").then().statusCode(400)
                .body("invalidParams[0].name", equalTo("throttleTokenRatio"));
    }

    private static JsonPath retry(String query) {
        return given().when().get("/demo/retry?" + query).then().statusCode(200).extract().jsonPath();
    }
}
