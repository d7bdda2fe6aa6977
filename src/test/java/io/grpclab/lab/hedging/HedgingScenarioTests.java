package io.grpclab.lab.hedging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class HedgingScenarioTests {

    @Test
    void theFastHedgeAnswersAndTheSlowFirstAttemptIsDropped() {
        JsonPath report = given().when().get("/demo/hedging").then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("outcome.status")).isEqualTo("OK");
        assertThat(report.getInt("effectiveMaxAttempts")).isEqualTo(3);
        assertThat(report.getInt("winner")).isEqualTo(2);
        assertThat(report.getLong("elapsedMs")).isLessThan(1000);
        assertThat(report.getString("attempts[0].status")).isIn("CANCELLED", "IN_PROGRESS");
        assertThat(report.getLong("attempts[1].startMs") - report.getLong("attempts[0].startMs")).isBetween(150L, 600L);
        assertThat(report.getString("serverWaits[0].ended")).isEqualTo("CANCELLED");
        assertThat(report.getLong("serverWaits[0].afterMs")).isLessThan(1000);
    }

    @Test
    void withoutASlowAttemptTheFirstAnswers() {
        JsonPath report = given().queryParam("slowMs", 0).when().get("/demo/hedging").then().statusCode(200)
                .extract().jsonPath();

        assertThat(report.getInt("winner")).isEqualTo(1);
        assertThat(report.getList("attempts")).hasSize(1);
    }
}
