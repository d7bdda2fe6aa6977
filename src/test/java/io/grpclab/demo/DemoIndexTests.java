package io.grpclab.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItems;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DemoIndexTests {

    @Test
    void listsEveryScenarioWithItsParameters() {
        given().when().get("/demo").then()
                .statusCode(200)
                .body("scenarios.path", hasItems("/demo/deadline", "/demo/keepalive"))
                .body("scenarios.find { it.path == '/demo/deadline' }.parameters.name", hasItems("deadlineMs", "delayMs"));
    }
}
