package io.grpclab.lab.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.support.AsInDevMode;
import io.grpclab.support.BrowserScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every scenario run from the lab page 20 times with parameters drawn at random within its OpenAPI bounds
 * (src/test/browser/lab-random.mjs). The seed is fixed so that a failure replays: {@code -Dlab.random.seed=N} draws
 * other runs. What is drawn must agree with the report it is drawn from, whatever the parameters.
 */
@QuarkusTest
@TestProfile(LabPageRandomRunsTests.ManyRunsAtOnce.class)
class LabPageRandomRunsTests {

    /**
     * Dev mode's timings, and listeners for 12 network runs at once (each bad-network run opens two): the runs are made
     * 12 at a time, as a minute-long keepalive run would otherwise make the test take half an hour.
     */
    public static class ManyRunsAtOnce extends AsInDevMode {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("lab.network.max-listeners", "32");
            return overrides;
        }
    }

    static final int RUNS = 20;

    @TestHTTPResource("/")
    URL base;

    @Test
    void randomRunsOfEveryScenarioDrawWhatTheirReportsSay() throws Exception {
        String seed = System.getProperty("lab.random.seed", "20261203");
        JsonNode result = BrowserScript.run("lab-random.mjs", base, 1200, seed, Integer.toString(RUNS), "12");
        new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(LabPageBrowserTests.SCREENSHOTS.resolve("random-runs.json").toFile(), result);
        JsonNode runs = result.path("runs");
        assertThat(runs).hasSize(RUNS * ScenarioCatalog.scenarios().size());
        List<String> refused = new ArrayList<>();
        for (JsonNode run : runs) {
            String what = "seed " + seed + ", " + run.path("key").asText() + "?" + run.path("query").asText();
            assertThat(run.path("errors")).as(what + ": console errors").allSatisfy(error -> assertThat(error.asText())
                    .as("only the browser's note of the refusal").startsWith("Failed to load resource: the server "
                            + "responded with a status of 400"));
            if (run.path("state").asText().equals("done")) {
                assertThat(run.path("errors")).as(what + ": console errors").isEmpty();
            }
            assertThat(run.path("nan")).as(what + ": attributes drawn from no number").isEmpty();
            assertThat(run.path("badge").asText()).as(what + ": the outcome badge").isNotBlank().isNotEqualTo("—");
            if (run.path("state").asText().equals("refused")) {
                assertThat(run.path("invalidParams")).as(what + ": a refusal names the parameter").isNotEmpty();
                refused.add(what);
                continue;
            }
            assertThat(run.path("state").asText()).as(what).isEqualTo("done");
            assertThat(run.path("badge").asText()).as(what).isEqualTo(run.path("status").asText());
            if (!run.path("attempts").isNull()) {
                assertThat(run.path("attemptBars").asInt()).as(what + ": a bar per attempt")
                        .isEqualTo(run.path("attempts").asInt());
            }
            if (!run.path("endMs").isNull()) {
                double tolerance = run.path("axisMaxMs").asDouble() / 500 + 1;
                assertThat(run.path("endMarkerMs").asDouble()).as(what + ": the end marker at the reported end")
                        .isCloseTo(run.path("endMs").asDouble(), org.assertj.core.api.Assertions.within(tolerance));
            }
        }
        assertThat(refused.size()).as("most draws are runs, not refusals: " + refused)
                .isLessThan(runs.size() / 10);
    }
}
