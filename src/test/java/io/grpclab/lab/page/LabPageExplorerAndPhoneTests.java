package io.grpclab.lab.page;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.support.AsInDevMode;
import io.grpclab.support.BrowserScript;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * The explorer called through its forms, and every scenario at a phone's width (src/test/browser/lab-phone-explorer.mjs,
 * in headless Chromium as {@link LabPageBrowserTests} runs it).
 */
@QuarkusTest
@TestProfile(AsInDevMode.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LabPageExplorerAndPhoneTests {

    @TestHTTPResource("/")
    URL base;

    JsonNode drawn;

    @BeforeAll
    void run() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("demo:demo-password"
                .getBytes(StandardCharsets.UTF_8));
        drawn = BrowserScript.run("lab-phone-explorer.mjs", base, 300, LabPageBrowserTests.SCREENSHOTS.toString(),
                basic);
        new ObjectMapper().writerWithDefaultPrettyPrinter()
                .writeValue(LabPageBrowserTests.SCREENSHOTS.resolve("phone-explorer.json").toFile(), drawn);
    }

    @Test
    void theExplorerCallsEchoHelloAndWhoAmIThroughTheirForms() {
        assertThat(drawn.at("/explorer/navLink").asInt()).isEqualTo(1);
        assertThat(drawn.at("/explorer/methods")).extracting(JsonNode::asText).contains("EchoService/Echo",
                "ExampleService/SayHello", "lab.auth.v1.IdentityService/WhoAmI", "lab.auth.v1.AuthService/IssueToken");
        JsonNode echo = drawn.at("/explorer/echo");
        assertThat(echo.at("/body/echoMessage").asText()).isEqualTo("from the form");
        assertThat(echo.at("/report/outcome/status").asText()).isEqualTo("OK");
        assertThat(echo.at("/report/attempts")).hasSize(3);
        assertThat(echo.path("attemptBars").asInt()).isEqualTo(3);
        assertThat(echo.at("/report/responses/0/message/echoMessage").asText()).isEqualTo("from the form");
        assertThat(echo.path("outcome").asText()).startsWith("OK");
        JsonNode hello = drawn.at("/explorer/hello");
        assertThat(hello.at("/report/parameters/policy").asText()).isEqualTo("none");
        assertThat(hello.at("/report/responses/0/message/replyMessage").asText()).contains("learner");
        JsonNode whoAmI = drawn.at("/explorer/whoAmI");
        assertThat(whoAmI.at("/report/outcome/status").asText()).isEqualTo("OK");
        assertThat(whoAmI.at("/report/responses/0/message/name").asText()).isEqualTo("demo");
        assertThat(whoAmI.at("/report/metadata/sent/tenant").asText()).isEqualTo("acme");
        assertThat(whoAmI.at("/report/metadata/sent/authorization").asText()).doesNotContain("demo-password");
        assertThat(drawn.path("errors")).isEmpty();
        assertThat(LabPageBrowserTests.SCREENSHOTS.resolve("explorer.png")).isNotEmptyFile();
    }

    @Test
    void theFormBuildsNestedRepeatedMapEnumAndWellKnownFields() {
        JsonNode sink = drawn.at("/explorer/sink");
        assertThat(sink.path("body").toString()).isEqualTo("{\"name\":\"sink\",\"int64Value\":\"9007199254740993\","
                + "\"boolValue\":true,\"color\":\"GREEN\",\"inner\":{\"count\":7},\"tags\":[\"first\"],"
                + "\"counts\":{\"k\":3},\"at\":\"2026-12-03T10:00:00Z\"}");
        assertThat(sink.at("/report/outcome/status").asText()).isEqualTo("OK");
        assertThat(sink.at("/report/responses/0/message")).isEqualTo(sink.path("body"));
    }

    @Test
    void atAPhonesWidthEveryScenarioKeepsItsMarkersInViewAndItsTextLegible() {
        JsonNode phone = drawn.path("phone");
        assertThat(phone.path("navFolded").asBoolean()).as("the navigation folds into a button").isTrue();
        assertThat(phone.path("navOpens").asBoolean()).isTrue();
        assertThat(phone.path("navClosesAfterAPick").asBoolean()).isTrue();
        assertThat(phone.path("pages")).hasSize(ScenarioCatalog.scenarios().size());
        for (JsonNode page : phone.path("pages")) {
            String key = page.path("key").asText();
            assertThat(page.path("scrollWidth").asInt()).as(key + ": no sideways scrolling").isLessThanOrEqualTo(390);
            JsonNode drawing = page.path("drawn");
            if (!drawing.isNull()) {
                assertThat(drawing.path("inViewport").asBoolean()).as(key + ": every marker and bar on screen "
                        + drawing).isTrue();
                assertThat(drawing.path("scrolls").asBoolean()).as(key + ": the drawing fits, no sideways scrolling")
                        .isFalse();
            }
            assertThat(page.at("/smallest/size").asDouble()).as(key + ": the smallest text " + page.path("smallest"))
                    .isGreaterThanOrEqualTo(11.9);
        }
    }
}
