package io.grpclab.lab.keepalive;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class KeepaliveScenarioTests {

    @Test
    void reportsTheSeedKeepaliveOnBothEndsAsCompatible() {
        given().when().get("/demo/keepalive").then()
                .statusCode(200)
                .body("scenario", equalTo("keepalive"))
                .body("client.timeMs", equalTo(10_000))
                .body("client.timeoutMs", equalTo(5_000))
                .body("client.withoutCalls", equalTo(true))
                .body("server.timeMs", equalTo(10_000))
                .body("server.timeoutMs", equalTo(5_000))
                .body("server.permitTimeMs", equalTo(5_000))
                .body("server.permitWithoutCalls", equalTo(true))
                .body("compatible", equalTo(true))
                .body("checks.ok", everyItem(equalTo(true)))
                .body("outcome.status", equalTo("OK"))
                .body("channelStateAfter", equalTo("READY"))
                .body("config.tls", equalTo(true));
    }
}
