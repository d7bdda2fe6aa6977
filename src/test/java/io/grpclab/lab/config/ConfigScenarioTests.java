package io.grpclab.lab.config;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ConfigScenarioTests {

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

    @Test
    void showsTheGatewayChannelsBackendWithItsHealthAndTheCallsItWasPickedFor() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}").when().post("/api/echo").then()
                .statusCode(200);
        int port = TestGrpc.port();

        given().when().get("/demo/config").then()
                .statusCode(200)
                .body("client.balancing.policy", equalTo("lab_round_robin"))
                .body("client.balancing.nameResolver", equalTo("dns"))
                .body("client.balancing.backends", hasSize(1))
                .body("client.balancing.backends[0].address", endsWith(":" + port))
                .body("client.balancing.backends[0].state", equalTo("READY"))
                .body("client.balancing.backends[0].health", equalTo("SERVING"))
                .body("client.balancing.backends[0].inRotation", equalTo(true))
                .body("client.balancing.backends[0].picks", greaterThanOrEqualTo(1));
    }
}
