package io.grpclab.lab.faulttolerance;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** The test profile sets @Timeout to 500 ms and the breaker's delay to 300 ms. */
@QuarkusTest
class FaultToleranceScenarioTests {

    @TestHTTPResource("/demo/fault-tolerance")
    URI endpoint;

    @Inject
    BreakerWatch watch;

    @AfterEach
    void closeTheBreaker() {
        CircuitBreakerMaintenance.get().resetAll();
    }

    @Test
    void anApplicationRetryGetsThroughAfterTheFailedCalls() {
        JsonPath report = run("failCalls=2&code=INTERNAL");

        assertThat(report.getString("answeredBy")).isEqualTo("service");
        assertThat(report.getList("appAttempts.result", String.class)).containsExactly("INTERNAL", "INTERNAL", "OK");
        assertThat(report.getInt("grpcAttempts")).isEqualTo(3);
        assertThat(report.getString("outcome.status")).isEqualTo("OK");
    }

    @Test
    void grpcRetriesHappenInsideEachApplicationAttempt() {
        JsonPath report = run("failCalls=1&code=UNAVAILABLE");

        assertThat(report.getString("answeredBy")).isEqualTo("service");
        assertThat(report.getString("appAttempts[0].result")).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(report.getList("appAttempts[0].grpcAttempts").size()).isGreaterThan(1);
        assertThat(report.getList("appAttempts[1].grpcAttempts")).hasSize(1);
        assertThat(report.getBoolean("amplification.exceeded")).isTrue();
        assertThat(report.getInt("amplification.worstCase")).isEqualTo(30);
    }

    @Test
    void theFallbackAnswersWhenEveryAttemptFails() {
        JsonPath report = run("failCalls=5&code=INTERNAL");

        assertThat(report.getString("answeredBy")).isEqualTo("fallback");
        assertThat(report.getString("answer")).isEqualTo(EchoFallback.ANSWER);
        assertThat(report.getString("fallbackReason")).isEqualTo("the last attempt failed with INTERNAL");
        assertThat(report.getList("appAttempts")).hasSize(3);
    }

    @Test
    void aSlowCallIsCutAtTheTimeoutAndEndsOnTheServerToo() {
        JsonPath report = run("failCalls=0&delayMs=2000");

        assertThat(report.getString("answeredBy")).isEqualTo("fallback");
        assertThat(report.getString("fallbackReason")).isIn("the last attempt hit @Timeout",
                "the last attempt failed with DEADLINE_EXCEEDED");
        assertThat(report.getInt("parameters.effectiveGrpcDeadlineMs")).isEqualTo(500);
        assertThat(report.getList("appAttempts.result", String.class)).hasSize(3).containsOnly("DEADLINE_EXCEEDED");
        assertThat(report.getList("appAttempts.durationMs", Long.class))
                .allSatisfy(ms -> assertThat(ms).isLessThan(1000));
    }

    @Test
    void theBreakerOpensAfterItsThresholdAndHalfOpensAfterItsDelay() {
        Instant testStart = Instant.now();
        run("failCalls=5&code=INTERNAL"); // 3 failures
        JsonPath opened = run("failCalls=5&code=INTERNAL");
        assertThat(opened.getString("circuitBreaker.after")).isEqualTo("OPEN");
        assertThat(opened.getList("circuitBreaker.transitions.to", String.class)).contains("OPEN");
        int madeBeforeItOpened = opened.getList("appAttempts").size();
        assertThat(madeBeforeItOpened).as("the breaker opened during this run").isPositive();
        assertThat(opened.getString("fallbackReason")).as("in words that match the attempts drawn")
                .isEqualTo("the circuit breaker opened: the retry after attempt " + madeBeforeItOpened
                        + " was refused without a call");
        assertThat(opened.getString("outcome.status")).isEqualTo("INTERNAL");

        JsonPath refused = run("failCalls=0");
        assertThat(refused.getString("fallbackReason"))
                .isEqualTo("the circuit breaker is open: the call was not attempted");
        assertThat(refused.getInt("grpcAttempts")).isZero();
        assertThat(refused.getList("appAttempts")).isEmpty();
        assertThat(refused.getString("outcome.status")).as("what the caller would get without the fallback")
                .isEqualTo("UNAVAILABLE");
        assertThat(refused.getString("outcome.description")).isEqualTo(refused.getString("fallbackReason"));

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(run("failCalls=0").getString("answeredBy")).isEqualTo("service"));
        assertThat(watch.since(testStart).stream().map(BreakerWatch.Transition::to).toList())
                .containsExactly("OPEN", "HALF_OPEN", "CLOSED");
        assertThat(watch.state()).isEqualTo("CLOSED");
    }

    @Test
    void theBulkheadRefusesCallsBeyondItsLimit() {
        HttpClient http = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<String>>> calls = IntStream.range(0, 12)
                .mapToObj(i -> http.sendAsync(HttpRequest.newBuilder(URI.create(endpoint + "?failCalls=0&delayMs=150"))
                        .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()))
                .toList();
        List<String> reasons = calls.stream().map(CompletableFuture::join).map(r -> {
            assertThat(r.statusCode()).isEqualTo(200);
            return reason(r.body());
        }).toList();

        assertThat(reasons).contains("the bulkhead is full: the call was not attempted");
        assertThat(reasons.stream().filter(r -> r.equals("service")).count()).isGreaterThanOrEqualTo(4);
    }

    private static String reason(String body) {
        try {
            JsonNode report = new ObjectMapper().readTree(body);
            return report.path("fallbackReason").isMissingNode() ? "service" : report.get("fallbackReason").asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonPath run(String query) {
        return given().when().get("/demo/fault-tolerance?" + query).then().statusCode(200).extract().jsonPath();
    }
}
