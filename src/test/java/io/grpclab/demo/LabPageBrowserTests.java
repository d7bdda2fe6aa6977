package io.grpclab.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;

import io.grpclab.support.BrowserScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The lab page in a real browser (headless Debian Chromium driven by playwright-core, src/test/browser/lab-page.mjs):
 * every scenario is run from its page with the keyboard, and what is drawn is compared with the report it was drawn
 * from. Screenshots of every page land in target/lab-page (two of them are the README's). Required in CI; skipped
 * elsewhere when Chromium or playwright-core is missing.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabPageBrowserTests {

    static final Path SCREENSHOTS = Path.of("target/lab-page");

    @TestHTTPResource("/")
    URL base;

    JsonNode drawn;

    @BeforeAll
    void runEveryScenarioFromThePage() throws Exception {
        drawn = BrowserScript.run("lab-page.mjs", base, 240, SCREENSHOTS.toString());
    }

    @Test
    void theRootLeadsToAnIndexOfEveryScenarioInTheCatalogueAndNothingFails() {
        assertThat(drawn.at("/index/url").asText()).endsWith("/lab/");
        assertThat(drawn.at("/index/links").asInt()).isEqualTo(DemoCatalog.scenarios().size()).isEqualTo(11);
        assertThat(drawn.at("/index/cards").asInt()).isEqualTo(DemoCatalog.scenarios().size());
        assertThat(drawn.path("errors")).as("console errors and failed loads").isEmpty();
        assertThat(drawn.at("/phone/scrollWidth").asInt()).as("no sideways scrolling at a phone's width")
                .isLessThanOrEqualTo(390);
        assertThat(SCREENSHOTS.resolve("retry.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("retry-phone.png")).isNotEmptyFile();
    }

    @Test
    void theDeadlinePageDrawsWhereTheCallEndedAndWhereTheServerStopped() {
        JsonNode run = run("deadline");
        JsonNode report = run.path("report");
        assertThat(report.at("/parameters/deadlineMs").asInt()).isEqualTo(600);
        assertThat(report.at("/outcome/status").asText()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(run.path("endMarkerMs").asDouble()).isCloseTo(report.path("elapsedMs").asDouble(), within(1.0));
        assertThat(run.path("serverMarkerMs").asDouble()).isCloseTo(report.at("/server/afterMs").asDouble(),
                within(1.0));
        assertThat(run.path("curl").asText()).isEqualTo("curl -s '" + BrowserScript.origin(base)
                + "/demo/deadline?deadlineMs=600&delayMs=1500'");
    }

    @Test
    void theRetryPageDrawsEveryAttemptEveryGapAndThePolicysRangeForIt() {
        JsonNode run = run("retry");
        JsonNode report = run.path("report");
        assertThat(report.path("attempts")).hasSize(4); // 3 injected failures, then OK
        assertThat(run.path("attempts").asInt()).isEqualTo(report.path("attempts").size());
        assertThat(run.path("backoffs").asInt()).isEqualTo(report.path("attempts").size() - 1);
        assertThat(run.path("bounds").asInt()).isEqualTo(report.at("/backoff/checks").size());
        assertThat(run.path("endMarkerMs").asDouble()).isCloseTo(report.path("elapsedMs").asDouble(), within(1.0));
        assertThat(run.path("text").asText()).contains("Why it stopped: attempt 4 succeeded");
    }

    @Test
    void theHedgingPageMarksTheWinnerAndTheCancelledHedge() {
        JsonNode run = run("hedging");
        JsonNode report = run.path("report");
        assertThat(run.path("attempts").asInt()).isEqualTo(report.path("attempts").size()).isGreaterThan(1);
        assertThat(run.path("winners").asInt()).isEqualTo(1);
        assertThat(run.path("cancelled").asInt()).isEqualTo(count(report.path("attempts"), "status", "CANCELLED"))
                .isPositive();
    }

    @Test
    void theFaultTolerancePageNestsTheGrpcAttemptsInTheApplicationAttempts() {
        JsonNode run = run("fault-tolerance");
        JsonNode apps = run.at("/report/appAttempts");
        assertThat(run.path("appAttempts").asInt()).isEqualTo(apps.size()).isEqualTo(3);
        int grpc = StreamSupport.stream(apps.spliterator(), false).mapToInt(app -> app.path("grpcAttempts").size())
                .sum();
        assertThat(run.path("grpcAttempts").asInt()).isEqualTo(grpc);
        assertThat(run.path("text").asText()).contains("Circuit breaker echo-gateway");
    }

    @Test
    void theMetadataPageMarksWhatTheStackAdded() {
        JsonNode run = run("metadata");
        JsonNode report = run.path("report");
        List<String> added = new ArrayList<>();
        report.path("addedOnTheWay").forEach(key -> added.add(key.asText()));
        long expected = StreamSupport.stream(report.path("metadata").spliterator(), false)
                .flatMap(column -> StreamSupport.stream(((Iterable<String>) column::fieldNames).spliterator(), false))
                .filter(added::contains).count();
        assertThat(added).isNotEmpty();
        assertThat(run.path("added").asLong()).isEqualTo(expected);
        assertThat(report.at("/metadata/serverReceived/tenant").asText()).isEqualTo("acme");
    }

    @Test
    void theAuthPagesShowEachStepAndTheRefusedOnesAsRefused() {
        for (String flow : List.of("auth/basic", "auth/session", "auth/token")) {
            JsonNode run = run(flow);
            JsonNode steps = run.at("/report/steps");
            List<String> refused = new ArrayList<>();
            steps.forEach(step -> {
                if (!step.path("status").asText().equals("OK")) {
                    refused.add(step.path("status").asText());
                }
            });
            assertThat(run.path("steps").asInt()).as(flow).isEqualTo(steps.size());
            assertThat(run.path("refusedSteps")).as(flow).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(refused);
            assertThat(refused).as(flow + ": every flow shows a refusal").isNotEmpty();
            assertThat(run.path("unexpectedSteps").asInt()).as(flow).isZero();
        }
    }

    @Test
    void theTlsKeepaliveAndConfigPagesShowTheNegotiatedValuesAndTheWarnings() {
        JsonNode tls = run("tls");
        assertThat(tls.path("text").asText()).contains(tls.at("/report/tls/protocol").asText(),
                tls.at("/report/tls/cipherSuite").asText());
        JsonNode keepalive = run("keepalive");
        assertThat(keepalive.path("text").asText()).contains(keepalive.at("/report/client/effectiveTimeMs").asText());
        JsonNode config = run("config");
        assertThat(config.path("warnings").asInt()).isEqualTo(config.at("/report/warnings").size()).isPositive();
    }

    private JsonNode run(String scenario) {
        JsonNode run = drawn.path(scenario);
        assertThat(run.path("state").asText()).as(scenario + ": " + run).isEqualTo("done");
        return run;
    }

    private static long count(JsonNode array, String field, String value) {
        return StreamSupport.stream(array.spliterator(), false).filter(n -> n.path(field).asText().equals(value))
                .count();
    }
}
