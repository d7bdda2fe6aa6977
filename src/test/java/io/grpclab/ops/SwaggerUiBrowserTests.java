package io.grpclab.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.grpclab.support.BrowserScript;
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

    @TestHTTPResource("/")
    URL base;

    @Test
    void tryItOutRunsTheDeadlineScenarioAndAGatewayRoute() throws Exception {
        JsonNode rendered = BrowserScript.run("swagger-ui.mjs", base, 120, "target/swagger-ui-deadline.png");
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
