package io.grpclab.lab.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.lab.catalogue.Scenario;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.support.AsInDevMode;
import io.grpclab.support.BrowserScript;
import io.grpclab.support.ChannelStateSequences;
import io.grpclab.support.DocCommands;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The lab page in a real browser (headless Debian Chromium driven by playwright-core, src/test/browser/lab-page.mjs):
 * every scenario is run from its page with the keyboard, and what is drawn is compared with the report it was drawn
 * from; then every scenario with its defaults and with each of the docs' examples. Screenshots of every page land
 * in target/lab-page (two of them are the README's). Required in CI; skipped elsewhere when Chromium or
 * playwright-core is missing.
 */
@QuarkusTest
@TestProfile(AsInDevMode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabPageBrowserTests {

    static final Path SCREENSHOTS = Path.of("target/lab-page");

    @TestHTTPResource("/")
    URL base;

    JsonNode drawn;

    @BeforeAll
    void runEveryScenarioFromThePage() throws Exception {
        Files.createDirectories(SCREENSHOTS);
        Path examples = SCREENSHOTS.resolve("examples.json");
        new ObjectMapper().writeValue(examples.toFile(), examples());
        drawn = BrowserScript.run("lab-page.mjs", base, 420, SCREENSHOTS.toString(), examples.toString());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(SCREENSHOTS.resolve("drawn.json").toFile(),
                drawn); // what the assertions read, for a failure's reader
    }

    /** Every scenario with its defaults, then each docs command that runs a scenario, in docs order. */
    static List<Map<String, Object>> examples() {
        List<Map<String, Object>> examples = new ArrayList<>();
        for (Scenario scenario : ScenarioCatalog.scenarios()) {
            examples.add(Map.of("key", scenario.path().substring("/demo/".length()), "fields", Map.of()));
        }
        Set<String> scenarios = ScenarioCatalog.scenarios().stream().map(s -> s.path().substring("/demo/".length()))
                .collect(Collectors.toSet()); // not the fault proxy's controls, which run nothing
        DocCommands.demoRuns().forEach((key, commands) -> commands.stream().filter(command -> scenarios.contains(key))
                .forEach(command -> examples.add(Map.of("key", key, "fields", fields(command), "readmeLine",
                        command.line()))));
        return examples;
    }

    /** The form fields a docs command sets: its query parameters, Grpc-Metadata-* headers and JSON body. */
    static Map<String, String> fields(DocCommands.Command command) {
        Map<String, String> fields = new LinkedHashMap<>();
        String target = command.target();
        int query = target.indexOf('?');
        if (query >= 0) {
            for (String pair : target.substring(query + 1).split("&")) {
                String[] nameValue = pair.split("=", 2);
                fields.put(URLDecoder.decode(nameValue[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(nameValue[1], StandardCharsets.UTF_8));
            }
        }
        for (String header : command.option("-H")) {
            int colon = header.indexOf(':');
            fields.put(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
        }
        for (String body : command.option("-d")) {
            try {
                new ObjectMapper().readTree(body).fields()
                        .forEachRemaining(field -> fields.put(field.getKey(), field.getValue().asText()));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return fields;
    }

    @Test
    void everyScenarioRunsFromThePageWithItsDefaultsAndWithTheReadmesExamples() {
        JsonNode examples = drawn.path("examples");
        assertThat(examples).hasSize(examples().size());
        for (JsonNode example : examples) {
            String what = example.path("key").asText() + " " + example.path("fields");
            JsonNode report = example.path("report");
            assertThat(example.path("missing")).as(what + ": fields the form has no input for").isEmpty();
            assertThat(example.path("state").asText()).as(what).isEqualTo("done");
            assertThat(example.path("errors")).as(what + ": console errors").isEmpty();
            assertThat(example.path("nan")).as(what + ": attributes drawn from no number").isEmpty();
            String status = report.at("/outcome/status").asText();
            assertThat(status).as(what + ": every report has an outcome").isNotEmpty();
            assertThat(example.path("outcome").asText()).as(what + ": the badge says it").startsWith(status);
            example.path("fields").fields().forEachRemaining(field -> {
                JsonNode used = report.at("/parameters/" + field.getKey());
                if (!used.isMissingNode()) {
                    assertThat(used.asText()).as(what + ": the page sent " + field.getKey())
                            .isEqualTo(field.getValue().asText());
                }
            });
            if (example.path("key").asText().equals("fault-tolerance")) {
                int apps = report.path("appAttempts").size();
                assertThat(example.path("appAttempts").asInt()).as(what).isEqualTo(apps);
                if (apps == 0) {
                    assertThat(example.path("text").asText()).as(what).contains("No attempt was made",
                            report.path("fallbackReason").asText());
                }
            }
            if (example.path("key").asText().equals("retry")) {
                assertThat(example.path("bounds").asInt()).as(what).isEqualTo(report.at("/backoff/checks").size());
            }
        }
        assertThat(examples).as("the README's open breaker: no attempt, and the page says so")
                .anySatisfy(example -> {
                    assertThat(example.path("key").asText()).isEqualTo("fault-tolerance");
                    assertThat(example.at("/report/appAttempts")).isEmpty();
                });
        assertThat(examples).as("the README's pushback drawn as numbers").anySatisfy(example -> {
            assertThat(example.at("/fields/pushbackMs").asText()).isEqualTo("300");
            assertThat(example.path("bounds").asInt()).isPositive();
        });
    }

    @Test
    void theRootLeadsToAnIndexOfEveryScenarioInTheCatalogueAndNothingFails() {
        assertThat(drawn.at("/index/url").asText()).endsWith("/lab/");
        assertThat(drawn.at("/index/links").asInt()).isEqualTo(ScenarioCatalog.scenarios().size() + 1).isEqualTo(19); // and the explorer
        assertThat(drawn.at("/index/cards").asInt()).isEqualTo(ScenarioCatalog.scenarios().size());
        List<Integer> lessons = new ArrayList<>();
        drawn.at("/index/lessons").forEach(lesson -> lessons.add(lesson.asInt()));
        assertThat(lessons).as("the cards follow the path through the lessons").isSorted()
                .hasSize(ScenarioCatalog.scenarios().size());
        assertThat(drawn.at("/index/teaches")).hasSize(ScenarioCatalog.scenarios().size())
                .allSatisfy(sentence -> assertThat(sentence.asText()).isNotBlank());
        assertThat(drawn.path("errors")).as("console errors and failed loads").isEmpty();
        assertThat(drawn.at("/phone/scrollWidth").asInt()).as("no sideways scrolling at a phone's width")
                .isLessThanOrEqualTo(390);
        assertThat(SCREENSHOTS.resolve("retry.png")).isNotEmptyFile();
        assertThat(SCREENSHOTS.resolve("retry-phone.png")).isNotEmptyFile();
    }

    @Test
    void everyPageSaysWhatToNoticeInTheRunJustMade() {
        drawn.fields().forEachRemaining(entry -> {
            if (entry.getValue().has("report")) {
                assertThat(entry.getValue().path("notice").asText()).as(entry.getKey())
                        .startsWith("What to notice: ").doesNotContain("undefined").doesNotContain("NaN");
            }
        });
        assertThat(run("retry").path("notice").asText()).contains("attempt 4 succeeded, after 3 retries",
                "3 of 3 backoffs fell inside the policy's range");
        assertThat(run("keepalive").path("notice").asText())
                .contains(run("keepalive").at("/report/client/effectiveTimeMs").asText());
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

    @Test
    void theSilentPeerPageDrawsTheSilenceEveryDroppedReadAndWhereTheClientGaveUp() {
        JsonNode run = run("keepalive/silent-peer");
        JsonNode report = run.path("report");
        assertThat(report.path("detectedWithinBound").asBoolean()).isTrue();
        List<String> dropped = new ArrayList<>();
        report.path("timeline").forEach(entry -> {
            String what = entry.path("what").asText();
            if (what.contains(": dropped ")) {
                dropped.add(what.endsWith("upstream") ? "upstream" : "downstream");
            }
        });
        assertThat(run.path("drops")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(dropped)
                .contains("upstream", "downstream");
        assertThat(run.path("connections").asInt()).isEqualTo(report.path("connections").size());
        assertThat(run.path("attempts").asInt()).isEqualTo(report.path("attempts").size()).isEqualTo(2);
        List<String> states = new ArrayList<>();
        run.path("states").forEach(state -> states.add(state.asText()));
        assertThat(ChannelStateSequences.leftReadyAndCameBack(states)).as(states.toString()).isTrue();
        assertThat(run.path("silenceMarkerMs").asDouble()).isCloseTo(report.path("silenceAtMs").asDouble(),
                within(1.0));
        assertThat(run.path("detectedMarkerMs").asDouble()).isCloseTo(report.path("detectedAtMs").asDouble(),
                within(1.0));
        assertThat(run.path("endMarkerMs").asDouble()).isCloseTo(report.path("elapsedMs").asDouble(), within(1.0));
    }

    @Test
    void theTlsFailurePageMarksTheStepTheClientsFailurePointsAt() {
        JsonNode run = run("tls/failure");
        JsonNode report = run.path("report");
        assertThat(report.at("/parameters/case").asText()).isEqualTo("EXPIRED");
        assertThat(run.path("failedTlsStep")).extracting(JsonNode::asText)
                .containsExactly(report.path("failedStep").asText());
        List<String> results = new ArrayList<>();
        report.path("steps").forEach(step -> results.add(step.path("result").asText()));
        assertThat(run.path("tlsSteps")).extracting(JsonNode::asText).containsExactlyElementsOf(results);
        assertThat(run.path("text").asText()).contains(report.path("reason").asText());
    }

    @Test
    void theBadNetworkPagesDrawEachConnectionTheProxyResetAndEveryAttemptWithItsBackend() {
        for (String scenario : List.of("bad-network/reset", "bad-network/slow-backend", "bad-network/silent-backend")) {
            JsonNode run = run(scenario);
            JsonNode report = run.path("report");
            List<String> backends = new ArrayList<>();
            report.path("calls").forEach(call -> call.path("attempts")
                    .forEach(attempt -> backends.add(attempt.path("backend").asText())));
            assertThat(run.path("attemptBackends")).as(scenario).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(backends);
            assertThat(run.path("connections").asInt()).as(scenario).isEqualTo(report.path("connections").size());
            assertThat(run.path("resets").asInt()).as(scenario)
                    .isEqualTo(resets(report));
            assertThat(run.path("endMarkerMs").asDouble()).as(scenario).isCloseTo(lastCallEnd(report), within(1.0));
        }
        assertThat(run("bad-network/reset").path("resets").asInt()).isEqualTo(1);
        JsonNode hedged = run("bad-network/slow-backend");
        long wonAmongSeveral = StreamSupport.stream(hedged.at("/report/calls").spliterator(), false)
                .filter(call -> call.path("attempts").size() > 1).count();
        assertThat(hedged.path("winners").asInt()).isEqualTo(wonAmongSeveral).isPositive();
        assertThat(hedged.path("text").asText()).contains("latency 500 ms");
        assertThat(hedged.path("inForce").asText()).startsWith("In force: hedging: up to");
        JsonNode silent = run("bad-network/silent-backend");
        List<String> rotation = new ArrayList<>();
        silent.at("/report/timeline").forEach(entry -> {
            String what = entry.path("what").asText();
            if (what.endsWith(" rotation")) {
                rotation.add(what.endsWith(", in rotation") ? "in" : "out");
            }
        });
        assertThat(silent.path("rotation")).extracting(JsonNode::asText).containsExactlyInAnyOrderElementsOf(rotation)
                .contains("in", "out");
    }

    @Test
    void aLinkRunsTheScenarioAgainAndAPinnedRunIsDrawnBesideTheNextOnOneAxis() {
        JsonNode linked = drawn.at("/runs/linked");
        assertThat(linked.path("field").asText()).isEqualTo("3");
        assertThat(linked.at("/report/parameters/failAttempts").asInt()).isEqualTo(3);
        assertThat(linked.path("hash").asText()).startsWith("#/retry?").contains("failAttempts=3");
        assertThat(linked.at("/reloaded/parameters/failAttempts").asInt()).as("a reload runs it again").isEqualTo(3);
        assertThat(linked.at("/reloaded/outcome/status").asText()).isEqualTo("OK");

        JsonNode compare = drawn.at("/runs/compare");
        assertThat(compare.at("/report/parameters/failAttempts").asInt()).isEqualTo(1);
        assertThat(compare.path("axes")).hasSize(2);
        assertThat(compare.at("/axes/0").asDouble()).as("one time axis").isEqualTo(compare.at("/axes/1").asDouble());
        assertThat(compare.path("drawnAttempts")).extracting(JsonNode::asInt)
                .containsExactly(linked.at("/reloaded/attempts").size(), compare.at("/report/attempts").size());
        assertThat(compare.path("differs")).extracting(JsonNode::asText).contains("attempts", "backoffs");
        assertThat(compare.path("kept").asInt()).as("three runs kept in the browser").isEqualTo(3);
        assertThat(compare.path("pinned").asInt()).isEqualTo(1);
        assertThat(SCREENSHOTS.resolve("compare.png")).isNotEmptyFile();
    }

    @Test
    void aTryNextPresetRunsTheScenarioWithItsValuesAndThePagesSayWhatIsInForce() {
        JsonNode preset = drawn.at("/runs/preset");
        assertThat(preset.path("presets").asInt()).isBetween(2, 3);
        for (String pair : preset.path("query").asText().split("&")) {
            String[] nameValue = pair.split("=", 2);
            assertThat(preset.at("/report/parameters/" + nameValue[0]).asText()).as(pair).isEqualTo(nameValue[1]);
        }
        JsonNode retry = run("retry");
        assertThat(retry.path("inForce").asText()).isEqualTo("In force: retry: up to "
                + retry.at("/report/policy/maxAttempts").asInt() + " attempts, backoff "
                + retry.at("/report/policy/initialBackoff").asText() + " to " + retry.at("/report/policy/maxBackoff")
                        .asText()
                + " ×" + retry.at("/report/policy/backoffMultiplier").asText() + ", on UNAVAILABLE");
        assertThat(run("hedging").path("inForce").asText()).startsWith("In force: hedging: up to");
        assertThat(run("keepalive/silent-peer").path("inForce").asText()).contains("a ping after 10000 ms");
        assertThat(retry.path("labels")).as("plain labels: the descriptions, not the parameter names")
                .anySatisfy(label -> assertThat(label.asText()).startsWith("The server fails the first"));
    }

    private static long resets(JsonNode report) {
        return StreamSupport.stream(report.path("connections").spliterator(), false)
                .filter(c -> c.at("/record/closedHow").asText().equals("RST")).count();
    }

    private static double lastCallEnd(JsonNode report) {
        JsonNode calls = report.path("calls");
        JsonNode last = calls.get(calls.size() - 1);
        return last.path("startMs").asDouble() + last.path("elapsedMs").asDouble();
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
