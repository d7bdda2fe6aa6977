package io.grpclab.lab.metadata;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class MetadataScenarioTests {

    @Test
    void aGrpcMetadataHeaderIsSentReceivedAndTheSeedTrailerComesBack() {
        given().header("Grpc-Metadata-tenant", "acme")
                .when().get("/demo/metadata").then()
                .statusCode(200)
                .body("scenario", equalTo("metadata"))
                .body("outcome.status", equalTo("OK"))
                .body("metadata.sent.tenant", equalTo("acme"))
                .body("metadata.sent.client-custom-header", equalTo("client-value"))
                .body("metadata.serverReceived.tenant", equalTo("acme"))
                .body("metadata.serverReceived.client-custom-header", equalTo("client-value"))
                .body("metadata.trailers.custom-header", equalTo("value"))
                .body("addedOnTheWay", hasItems("grpc-timeout", "user-agent"));
    }

    @Test
    void aBinaryValueMakesTheRoundTripInBase64() {
        given().header("Grpc-Metadata-trace-bin", "AAEC/w==")
                .when().get("/demo/metadata").then()
                .statusCode(200)
                .body("metadata.sent.trace-bin", equalTo("AAEC/w=="))
                .body("metadata.serverReceived.trace-bin", equalTo("AAEC/w=="));
    }

    @Test
    void theRequestIdReachesTheServerAndComesBackInTheHeaders() {
        given().header("X-Request-Id", "demo-metadata-1")
                .when().get("/demo/metadata").then()
                .statusCode(200)
                .header("X-Request-Id", "demo-metadata-1")
                .body("metadata.serverReceived.x-request-id", equalTo("demo-metadata-1"))
                .body("metadata.headers.x-request-id", equalTo("demo-metadata-1"));
    }

    @Test
    void aFailedCallStillShowsItsTrailers() {
        given().queryParam("failWith", "not_found")
                .when().get("/demo/metadata").then()
                .statusCode(200)
                .body("parameters.failWith", equalTo("NOT_FOUND"))
                .body("outcome.status", equalTo("NOT_FOUND"))
                .body("metadata.trailers.custom-header", equalTo("value"))
                .body("metadata.trailers.x-request-id", notNullValue())
                .body("metadata.serverReceived.x-fail-code", equalTo("NOT_FOUND"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "OK", "BROKEN", "7" })
    void aFailWithThatIsNotAFailureIs400(String failWith) {
        given().queryParam("failWith", failWith)
                .when().get("/demo/metadata").then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo("failWith"));
    }

    @Test
    void sessionValuesAreRedactedOnBothSides() {
        given().header("Grpc-Metadata-x-app-session", "s3cr3t-session")
                .when().get("/demo/metadata").then()
                .statusCode(200)
                .body("metadata.sent.x-app-session", equalTo("<redacted>"))
                .body("metadata.serverReceived.x-app-session", equalTo("<redacted>"))
                .body(not(containsString("s3cr3t")));
    }

    @Test
    void anAuthorizationHeaderIsRefusedNotForwarded() {
        given().header("Grpc-Metadata-authorization", "Basic dXNlcjpwYXNz")
                .when().get("/demo/metadata").then()
                .statusCode(400)
                .body("invalidParams[0].name", equalTo("Grpc-Metadata-authorization"))
                .body(not(containsString("dXNlcjpwYXNz")));
    }

    @Test
    void metadataOverTheLimitIs431() {
        given().header("Grpc-Metadata-big", "x".repeat(9000))
                .when().get("/demo/metadata").then()
                .statusCode(431)
                .contentType("application/problem+json")
                .body("detail", containsString("limit is 8192"));
    }
}
