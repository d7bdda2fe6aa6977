package io.grpclab.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConfigDemoTests {

    @Test
    void showsTheEffectiveConfigurationAndWarnsAboutAmplification() {
        given().when().get("/demo/config").then()
                .statusCode(200)
                .body("client.retry.enabled", equalTo(true))
                .body("client.retry.policy.maxAttempts", equalTo(10))
                .body("client.retry.channelCap", equalTo(10))
                .body("client.retry.effectiveMaxAttempts", equalTo(10))
                .body("client.hedging.effectiveMaxAttempts", equalTo(3))
                .body("client.keepalive.timeMs", equalTo(10_000))
                .body("server.tls.enabled", equalTo(true))
                .body("server.tls.protocols", hasItem("TLSv1.3"))
                .body("server.keepalive.permitWithoutCalls", equalTo(true))
                .body("amplification.worstCase", equalTo(30))
                .body("warnings", hasItem(startsWith("retry amplification: 3 application-level attempts x 10")))
                .body("outcome.status", equalTo("OK"));
    }
}
