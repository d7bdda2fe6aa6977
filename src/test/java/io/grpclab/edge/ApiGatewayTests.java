package io.grpclab.edge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

@QuarkusTest
class ApiGatewayTests {

    static final String PROBLEM = "application/problem+json";

    @Test
    void pingAnswersWithoutGrpc() {
        given().when().get("/api/ping").then().statusCode(200).body("status", equalTo("pong"));
    }

    @Test
    void echoAnswersInProto3JsonAndReturnsTheTrailerAsAHeader() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}")
                .when().post("/api/echo")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("echoMessage", equalTo("hi"))
                .header("Grpc-Trailer-custom-header", "value");
    }

    @Test
    void aDeadlineFromXRequestTimeoutThatPassesIs504() {
        long start = System.nanoTime();
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"slow\"}")
                .header("X-Request-Timeout", "200")
                .header("Grpc-Metadata-x-echo-delay-ms", "3000")
                .when().post("/api/echo")
                .then().statusCode(504)
                .contentType(PROBLEM)
                .body("status", equalTo(504))
                .body("grpcStatus", equalTo("DEADLINE_EXCEEDED"))
                .body("instance", equalTo("/api/echo"))
                .body("detail", not(containsString("127.0.0.1")));
        assertThat((System.nanoTime() - start) / 1_000_000).isBetween(200L, 1500L);
    }

    @Test
    void aGrpcTimeoutHeaderSetsTheDeadlineToo() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"slow\"}")
                .header("grpc-timeout", "150m")
                .header("Grpc-Metadata-x-echo-delay-ms", "3000")
                .when().post("/api/echo")
                .then().statusCode(504).body("grpcStatus", equalTo("DEADLINE_EXCEEDED"));
    }

    @Test
    void helloAnswersInProto3Json() {
        given().contentType(ContentType.JSON).body("{\"name\":\"Hyeonghwan\"}")
                .when().post("/api/hello")
                .then().statusCode(200).body("replyMessage", equalTo("Hello, Hyeonghwan!"));
    }

    @ParameterizedTest
    @CsvSource({ "INVALID_ARGUMENT,400", "UNAUTHENTICATED,401", "PERMISSION_DENIED,403", "NOT_FOUND,404",
            "ALREADY_EXISTS,409", "RESOURCE_EXHAUSTED,429", "CANCELLED,499", "INTERNAL,500", "UNIMPLEMENTED,501",
            "UNAVAILABLE,503", "DEADLINE_EXCEEDED,504" })
    void mapsTheServersStatusToHttp(String code, int http) {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .header("Grpc-Metadata-x-fail-attempts", "100")
                .header("Grpc-Metadata-x-fail-code", code)
                .header("Grpc-Metadata-x-retry-pushback-ms", "-1") // no retry, whatever the code
                .when().post("/api/hello")
                .then().statusCode(http)
                .contentType(PROBLEM)
                .body("grpcStatus", equalTo(code))
                .body("detail", equalTo("injected failure: attempt 1 of the first 100 that fail"));
    }

    @Test
    void retriesUnavailableByThePolicyBeforeAnswering() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .header("Grpc-Metadata-x-fail-attempts", "2")
                .when().post("/api/hello")
                .then().statusCode(200)
                .body("replyMessage", equalTo("Hello, x!"))
                .header("Grpc-Trailer-x-served-attempt", "3");
    }

    @Test
    void turnsTheServersLastPushbackIntoRetryAfter() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .header("Grpc-Metadata-x-fail-attempts", "100")
                .header("Grpc-Metadata-x-retry-pushback-ms", "1")
                .when().post("/api/hello")
                .then().statusCode(503)
                .header("Retry-After", "1")
                .header("Grpc-Trailer-x-served-attempt", "10");
    }

    @Test
    void theProtoFieldNameIsAcceptedAsProto3JsonRequires() {
        given().contentType(ContentType.JSON).body("{\"echo_message\":\"hi\"}")
                .when().post("/api/echo")
                .then().statusCode(200).body("echoMessage", equalTo("hi"));
    }

    @Test
    void aBodyThatIsNotJsonIs400ProblemJson() {
        Response response = given().contentType(ContentType.JSON).body("{\"name\":")
                .when().post("/api/hello");
        response.then().statusCode(400).contentType(PROBLEM)
                .body("invalidParams[0].name", equalTo("body"));
        assertThat(response.asString()).doesNotContain("io.grpclab", "Exception", "at ", "com.google");
    }

    @Test
    void aBlankNameIsRefusedByTheServerWithABadRequestNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"name\":\" \"}")
                .when().post("/api/hello")
                .then().statusCode(400).contentType(PROBLEM)
                .body("grpcStatus", equalTo("INVALID_ARGUMENT"))
                .body("detail", equalTo("name must not be blank"))
                .body("details[0].'@type'", equalTo("type.googleapis.com/google.rpc.BadRequest"))
                .body("details[0].fieldViolations[0].field", equalTo("name"));
    }

    @Test
    void aMessageOverItsBoundIsRefusedByTheServerNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"" + "x".repeat(4097) + "\"}")
                .when().post("/api/echo")
                .then().statusCode(400)
                .body("details[0].fieldViolations[0].field", equalTo("echo_message"))
                .body("details[0].fieldViolations[0].description",
                        equalTo("must be at most 4096 characters, was 4097"));
    }

    @Test
    void aBodyThatIsNotJsonByItsContentTypeIs415() {
        given().contentType("text/plain").body("{\"echoMessage\":\"hi\"}")
                .when().post("/api/echo")
                .then().statusCode(415).contentType(PROBLEM);
        given().contentType("application/json; charset=UTF-8").body("{\"echoMessage\":\"hi\"}")
                .when().post("/api/echo")
                .then().statusCode(200);
    }

    @Test
    void aGetOnAPostRouteIs405WithAllow() {
        given().when().get("/api/echo").then().statusCode(405).contentType(PROBLEM).header("Allow", "POST");
    }

    @Test
    void aDeadlineOverTheMaximumIs400NamingTheHeader() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}")
                .header("X-Request-Timeout", "60001")
                .when().post("/api/echo")
                .then().statusCode(400).contentType(PROBLEM)
                .body("invalidParams[0].name", equalTo("X-Request-Timeout"));
    }

    @Test
    void aCredentialHeaderIsNotForwardedAsMetadata() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"hi\"}")
                .header("Grpc-Metadata-authorization", "Bearer secret")
                .when().post("/api/echo")
                .then().statusCode(400).contentType(PROBLEM)
                .body("invalidParams[0].name", equalTo("Grpc-Metadata-authorization"))
                .body(not(containsString("secret")));
    }

    @Test
    void anUnknownPathIs404ProblemJson() {
        given().when().get("/api/nothing-here").then().statusCode(404).contentType(PROBLEM)
                .body("status", equalTo(404));
    }
}
