package io.grpclab.lab.tls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Each TLS failure made for real against a throwaway listener: the step the client's failure points at is the one the
 * case must fail at, the steps before it passed and those after were not reached; with nothing wrong the call is
 * answered over mutual TLS.
 */
@QuarkusTest
class TlsFailureScenarioTests {

    @ParameterizedTest
    @EnumSource(TlsFailureCase.class)
    void eachCaseFailsAtItsStepAndSaysWhyAsTheClientHeardIt(TlsFailureCase failure) {
        JsonPath report = given().queryParam("case", failure.name().toLowerCase(Locale.ROOT)).get("/demo/tls/failure")
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getBoolean("asExpected")).as(report.prettify()).isTrue();
        List<String> results = report.getList("steps.result", String.class);
        List<String> steps = report.getList("steps.step", String.class);
        if (failure == TlsFailureCase.NONE) {
            assertThat(report.getString("outcome.status")).isEqualTo("OK");
            assertThat(results).containsOnly("PASSED");
            return;
        }
        assertThat(report.getString("outcome.status")).isEqualTo("UNAVAILABLE");
        assertThat(report.getString("failedStep")).isEqualTo(failure.expected().name());
        int failed = steps.indexOf(failure.expected().name());
        assertThat(results.get(failed)).isEqualTo("FAILED");
        assertThat(results.subList(0, failed)).doesNotContain("FAILED", "NOT_REACHED", "UNKNOWN");
        assertThat(results.subList(failed + 1, results.size())).doesNotContain("PASSED", "FAILED");
        assertThat(report.getString("reason")).isNotBlank().doesNotContain("\tat ");
    }

    @ParameterizedTest
    @EnumSource(value = TlsFailureCase.class, names = { "WRONG_HOST", "EXPIRED" })
    void theMaterialSaysWhatWasWrongWithTheServersCertificate(TlsFailureCase failure) {
        given().queryParam("case", failure.name()).get("/demo/tls/failure").then()
                .body("material[0]", containsString(failure == TlsFailureCase.WRONG_HOST ? "CN=other.example"
                        : "CN=localhost"));
    }

    @Test
    void anUnknownCaseIsAProblemNamingTheParameter() {
        given().queryParam("case", "flood").get("/demo/tls/failure").then().statusCode(400)
                .contentType("application/problem+json").body("invalidParams.name", hasItem("case"));
    }
}
