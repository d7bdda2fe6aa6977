package io.grpclab.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.grpclab.support.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** How /api/* carries metadata, trailers and the request id between HTTP and gRPC. */
@QuarkusTest
class GatewayMetadataTests {

    @Test
    void metadataGoesOutAndHeadersAndTrailersComeBackUnderTheirPrefixes() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}")
                .header("Grpc-Metadata-x-echo-metadata", "true")
                .header("Grpc-Metadata-Tenant", "acme")
                .header("Grpc-Metadata-trace-bin", "AAEC/w==")
                .when().post("/api/echo")
                .then().statusCode(200)
                .header("Grpc-Trailer-custom-header", "value")
                .header("Grpc-Trailer-x-received-tenant", "acme")
                .header("Grpc-Trailer-x-received-trace-bin", "AAEC/w==");
    }

    @Test
    void theCallersRequestIdTravelsToTheServerAndBack() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}")
                .header("X-Request-Id", "api-echo-42")
                .when().post("/api/echo")
                .then().statusCode(200)
                .header("X-Request-Id", "api-echo-42")
                .header("Grpc-Metadata-x-request-id", "api-echo-42");
    }

    @Test
    void aRequestWithoutAnIdGetsOne() {
        given().when().get("/api/ping")
                .then().statusCode(200)
                .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"));
    }

    @Test
    void aMalformedRequestIdIs400() {
        given().header("X-Request-Id", "no spaces please").when().get("/api/ping")
                .then().statusCode(400).body("invalidParams[0].name", equalTo("X-Request-Id"));
    }

    @Test
    void aGrpcMetadataRequestIdIsRefusedInFavourOfTheHeader() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}")
                .header("Grpc-Metadata-x-request-id", "sneaky")
                .when().post("/api/echo")
                .then().statusCode(400).body("invalidParams[0].name", equalTo("Grpc-Metadata-x-request-id"));
    }

    @Test
    void aFailedCallStillReturnsItsTrailers() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}")
                .header("Grpc-Metadata-x-fail-attempts", "1")
                .header("Grpc-Metadata-x-fail-code", "NOT_FOUND")
                .when().post("/api/echo")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .header("Grpc-Trailer-custom-header", "value");
    }

    @Test
    void bothTheGatewayAndTheServerLogTheCallWithItsRequestId() {
        try (CapturedLog log = CapturedLog.of("io.grpclab")) {
            given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}")
                    .header("X-Request-Id", "logged-call-7")
                    .when().post("/api/echo").then().statusCode(200);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.lines())
                    .anySatisfy(line -> assertThat(line).contains("called EchoService/Echo: OK", "logged-call-7"))
                    .anySatisfy(line -> assertThat(line).contains("served EchoService/Echo: OK", "logged-call-7")));
        }
    }

    @Test
    void noLogLineCarriesASessionValue() {
        try (CapturedLog log = CapturedLog.of("")) {
            given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}")
                    .header("X-Request-Id", "secret-call-8")
                    .header("Grpc-Metadata-x-session-token", "s3cr3t-token")
                    .header("Grpc-Metadata-x-echo-metadata", "true")
                    .when().post("/api/echo").then().statusCode(200)
                    .header("Grpc-Trailer-x-received-x-session-token", "<redacted>");

            await().atMost(Duration.ofSeconds(5)).until(() -> log.lines().stream()
                    .anyMatch(line -> line.contains("served EchoService/Echo") && line.contains("secret-call-8")));
            assertThat(log.lines()).noneMatch(line -> line.contains("s3cr3t"));
        }
    }
}
