package io.grpclab.lab.keepalive;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The server's side of keepalive, for real: a client pinging every 10 s against a server that permits a ping a minute
 * is sent GOAWAY ENHANCE_YOUR_CALM too_many_pings, and its next call goes over a new connection; a
 * server that permits the pings sends nothing.
 */
@QuarkusTest
class TooManyPingsScenarioTests {

    @Test
    void tooManyEarlyPingsBringTheGoawayAndTheNextCallANewConnection() {
        JsonPath report = given().get("/demo/keepalive/too-many-pings").then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("goaway")).as(report.prettify()).contains("ENHANCE_YOUR_CALM", "too_many_pings");
        assertThat(report.getLong("goawayAtMs")).as("pings 10 s apart, more than one").isBetween(20_000L, 45_000L);
        assertThat(report.getString("outcome.status")).as("grpc-java reads ENHANCE_YOUR_CALM so")
                .isEqualTo("RESOURCE_EXHAUSTED");
        assertThat(report.getString("secondCall.status")).isEqualTo("OK");
        assertThat(report.getString("clientKeepaliveAfter")).as("grpc-java doubles its keepalive time")
                .contains("keepalive time");
        assertThat(report.getList("timeline.what", String.class)).contains("the server says SERVING");
    }

    @Test
    void aServerThatPermitsThePingsSendsNoGoaway() {
        JsonPath report = given().queryParam("permitKeepAliveTimeMs", 5000).queryParam("waitMs", 12_000)
                .get("/demo/keepalive/too-many-pings").then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("goawayAtMs")).isNull();
        assertThat(report.getString("outcome.status")).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(report.getString("explanation")).startsWith("No GOAWAY came");
    }
}
