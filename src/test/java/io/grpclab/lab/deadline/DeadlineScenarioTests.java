package io.grpclab.lab.deadline;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.isOneOf;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DeadlineScenarioTests {

    @Test
    void theSeedsOneSecondDeadlineAgainstItsTwoSecondServerEndsInDeadlineExceeded() {
        given().when().get("/demo/deadline").then()
                .statusCode(200)
                .body("scenario", equalTo("deadline"))
                .body("parameters.deadlineMs", equalTo(1000))
                .body("parameters.delayMs", equalTo(2000))
                .body("deadlineMs", equalTo(1000))
                .body("serverDelayMs", equalTo(2000))
                .body("outcome.status", equalTo("DEADLINE_EXCEEDED"))
                .body("outcome.description", equalTo("the gRPC call did not complete within its deadline"))
                .body("elapsedMs", allOf(greaterThanOrEqualTo(1000), lessThanOrEqualTo(1300)))
                .body("server.waitEnded", isOneOf("DEADLINE_EXCEEDED", "CANCELLED"))
                .body("server.afterMs", lessThan(1300))
                .body("server.waitsInProgress", equalTo(0))
                .body("config.tls", is(true));
    }

    @Test
    void aDeadlineLongerThanTheWaitIsAnswered() {
        given().queryParam("deadlineMs", 2000).queryParam("delayMs", 100)
                .when().get("/demo/deadline").then()
                .statusCode(200)
                .body("outcome.status", equalTo("OK"))
                .body("elapsedMs", allOf(greaterThanOrEqualTo(100), lessThan(2000)))
                .body("server.waitEnded", equalTo("ANSWERED"))
                .body("server.afterMs", greaterThanOrEqualTo(100));
    }

    @ParameterizedTest
    @CsvSource({ "deadlineMs,0", "deadlineMs,60001", "deadlineMs,abc", "delayMs,-1", "delayMs,30001", "delayMs,1e3" })
    void aParameterOutOfBoundsIs400NamingIt(String name, String value) {
        given().queryParam(name, value).when().get("/demo/deadline").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo(name));
    }
}
