package io.grpclab.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Swagger UI in a real browser: headless Debian Chromium driven by playwright-core (src/test/browser) opens
 * /q/swagger-ui, runs GET /demo/deadline and the gateway's POST /api/hello through "Try it out" and reads the
 * rendered responses. Required in CI
 * ({@code .ci/run} installs chromium and the npm package); skipped elsewhere when they are missing.
 */
@QuarkusTest
class SwaggerUiBrowserTests {

    static final Path SCRIPT = Path.of("src/test/browser/swagger-ui.mjs");
    static final Path PLAYWRIGHT = Path.of("src/test/browser/node_modules/playwright-core");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TestHTTPResource("/")
    URL base;

    @Test
    void tryItOutRunsTheDeadlineScenarioAndAGatewayRoute() throws Exception {
        boolean available = Files.isDirectory(PLAYWRIGHT) && Files.isExecutable(CHROMIUM);
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, "CI needs Debian's chromium and `npm ci` in src/test/browser");
        } else {
            assumeTrue(available, "chromium or playwright-core is not installed");
        }
        String url = base.toString().replaceAll("/$", "");
        Process node = new ProcessBuilder("node", SCRIPT.toString(), url, "target/swagger-ui-deadline.png")
                .redirectErrorStream(true).start();
        node.getOutputStream().close();
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("the browser run ended in time").isTrue();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String lastLine = output.substring(output.lastIndexOf('\n') + 1);

        JsonNode rendered = new ObjectMapper().readTree(lastLine);
        assertThat(rendered.path("error").isMissingNode()).as(output).isTrue();
        assertThat(rendered.path("deadlineMsPrefilled").asText()).isEqualTo("1000");
        assertThat(rendered.path("statusCode").asText()).isEqualTo("200");
        assertThat(rendered.at("/body/outcome/status").asText()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(rendered.at("/body/elapsedMs").asInt()).isBetween(1000, 1300);
        // a transcoded route: its example body comes from HelloRequest's descriptor, and the call goes through
        assertThat(rendered.at("/helloBodyPrefilled/name").asText()).isEqualTo("string");
        assertThat(rendered.path("helloStatusCode").asText()).isEqualTo("200");
        assertThat(rendered.at("/helloBody/replyMessage").asText()).isEqualTo("Hello, string!");
    }
}
