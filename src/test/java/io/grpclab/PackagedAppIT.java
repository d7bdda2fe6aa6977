package io.grpclab;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * The packaged jar in the lab profile, as the README offers it: it issues its certificates, serves TLS
 * and runs the demos.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppResource.class)
class PackagedAppIT {

    @Test
    void pings() {
        given().when().get("/api/ping").then().statusCode(200).body("status", equalTo("pong"));
    }

    /** The server listens on a free port and nothing else is set: the gateway's target follows it. */
    @Test
    void echoesThroughTheGatewayOverTlsToTheServersOwnPort() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"jar\"}")
                .when().post("/api/echo")
                .then().statusCode(200)
                .body("echoMessage", equalTo("jar"))
                .header("Grpc-Trailer-custom-header", "value");
    }

    @Test
    void reportsTheSeedDeadline() {
        given().when().get("/demo/deadline").then()
                .statusCode(200)
                .body("outcome.status", equalTo("DEADLINE_EXCEEDED"))
                .body("elapsedMs", allOf(greaterThanOrEqualTo(1000), lessThanOrEqualTo(1300)))
                .body("config.tls", equalTo(true));
    }

    @Test
    void hasTheLabOnTheJarReflectionSwaggerUiAndTheDemoUser() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().auth().preemptive().basic("demo", "demo-password").when().get("/v1/whoami").then().statusCode(200)
                .body("name", equalTo("demo"));
        given().when().get("/demo/retry?failAttempts=2").then().statusCode(200).body("attempts.size()", equalTo(3));
    }

    /** As the README says: in the packaged app, the lab profile too, health is on the management port only. */
    @Test
    void healthIsOnTheManagementPortNotOnTheHttpPort() {
        given().when().get("/q/health").then().statusCode(404);
        given().port(PackagedAppResource.managementPort).when().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"));
    }
}
