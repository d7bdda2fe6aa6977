package io.grpclab.lab.explorer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ExplorerTests {

    private static final String SINK = "lab.testing.v1.KitchenSink";

    @Test
    void theListingHasEveryMethodOfTheAppsServicesWithTheShapesOfTheirRequests() {
        given().when().get("/demo/explorer").then()
                .statusCode(200)
                .body("services.name", hasItems("EchoService", "ExampleService", "lab.auth.v1.AuthService",
                        "lab.auth.v1.IdentityService", "lab.testing.v1.KitchenSinkService"))
                .body("services.flatten().methods.flatten().fullName", hasItems("EchoService/Echo",
                        "ExampleService/SayHello", "lab.auth.v1.AuthService/CreateSession",
                        "lab.auth.v1.AuthService/IssueToken", "lab.auth.v1.AuthService/Logout",
                        "lab.auth.v1.IdentityService/WhoAmI", "lab.auth.v1.IdentityService/AdminReport"))
                .body("services.find { it.name == 'lab.testing.v1.KitchenSinkService' }.methods.type",
                        contains("UNARY", "SERVER_STREAMING"))
                .body("services.find { it.name == 'EchoService' }.methods[0].knobs",
                        hasItems("failAttempts", "delayMs", "echoMetadata"))
                .body("messages", hasKey(SINK))
                .body("messages.'" + SINK + "'.fields.find { it.name == 'color' }.enumValues",
                        contains("COLOR_UNSPECIFIED", "RED", "GREEN"))
                .body("messages.'" + SINK + "'.fields.find { it.name == 'inner' }.message",
                        equalTo("lab.testing.v1.Inner"))
                .body("messages.'" + SINK + "'.fields.find { it.name == 'tags' }.repeated", equalTo(true))
                .body("messages.'" + SINK + "'.fields.find { it.name == 'counts' }.mapValue.kind", equalTo("int32"))
                .body("messages.'" + SINK + "'.fields.find { it.name == 'at' }.kind",
                        equalTo("google.protobuf.Timestamp"))
                .body("messages.'" + SINK + "'.fields.find { it.name == 'int64Value' }.kind", equalTo("int64"))
                .body("messages", hasKey("lab.testing.v1.Inner"))
                .body("policies.retry.maxAttempts", equalTo(10));
    }

    @Test
    void aRetriedEchoShowsEveryAttemptThePolicyAndTheAnswer() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\": \"hi\"}")
                .queryParam("failAttempts", 2)
                .when().post("/demo/explorer/EchoService/Echo").then()
                .statusCode(200)
                .body("scenario", equalTo("explorer"))
                .body("method", equalTo("EchoService/Echo"))
                .body("outcome.status", equalTo("OK"))
                .body("attempts.status", contains("UNAVAILABLE", "UNAVAILABLE", "OK"))
                .body("attempts[2].servedAs", equalTo(3))
                .body("policy.retry.maxAttempts", equalTo(10))
                .body("requests[0].echoMessage", equalTo("hi"))
                .body("responses", hasSize(1))
                .body("responses[0].message.echoMessage", equalTo("hi"))
                .body("explanation", containsString("after 3 attempts, 2 of them failed"));
    }

    @Test
    void withoutAPolicyTheFirstFailureIsTheAnswer() {
        given().contentType(ContentType.JSON).body("{\"name\": \"you\"}")
                .queryParam("policy", "none").queryParam("failAttempts", 1).queryParam("failCode", "RESOURCE_EXHAUSTED")
                .when().post("/demo/explorer/ExampleService/SayHello").then()
                .statusCode(200)
                .body("outcome.status", equalTo("RESOURCE_EXHAUSTED"))
                .body("attempts", hasSize(1))
                .body("policy", nullValue())
                .body("explanation", containsString("neither retries nor hedges"));
    }

    @Test
    void metadataGoesBothWaysAndTheServerSaysWhatItReceived() {
        given().contentType(ContentType.JSON).body("{}")
                .header("Grpc-Metadata-tenant", "acme").queryParam("echoMetadata", true)
                .when().post("/demo/explorer/EchoService/Echo").then()
                .statusCode(200)
                .body("metadata.sent.tenant", equalTo("acme"))
                .body("metadata.serverReceived.tenant", equalTo("acme"))
                .body("metadata.trailers", not(hasKey("x-received-tenant")));
    }

    @Test
    void aCredentialIsForwardedAndRedactedInTheReport() {
        String basic = "Basic " + Base64.getEncoder().encodeToString("demo:demo-password"
                .getBytes(StandardCharsets.UTF_8));
        given().contentType(ContentType.JSON).header("Authorization", basic)
                .when().post("/demo/explorer/lab.auth.v1.IdentityService/WhoAmI").then()
                .statusCode(200)
                .body("outcome.status", equalTo("OK"))
                .body("responses[0].message.name", equalTo("demo"))
                .body("metadata.sent.authorization", not(containsString("demo-password")));
    }

    @Test
    void aServerStreamShowsEachMessageAndAFailureItsDetails() {
        given().contentType(ContentType.JSON).body("{\"name\": \"n\", \"color\": \"RED\", \"tags\": [\"a\", \"b\"],"
                + " \"counts\": {\"x\": 1}, \"at\": \"2026-12-03T10:00:00Z\", \"int64Value\": \"9007199254740993\"}")
                .when().post("/demo/explorer/lab.testing.v1.KitchenSinkService/Watch").then()
                .statusCode(200)
                .body("type", equalTo("SERVER_STREAMING"))
                .body("outcome.status", equalTo("OK"))
                .body("responsesReceived", equalTo(1))
                .body("responses[0].message.int64Value", equalTo("9007199254740993"))
                .body("responses[0].message.tags", contains("a", "b"));
        given().contentType(ContentType.JSON).body("{\"name\": \"invalid\"}")
                .when().post("/demo/explorer/lab.testing.v1.KitchenSinkService/Echo").then()
                .statusCode(200)
                .body("outcome.status", equalTo("INVALID_ARGUMENT"))
                .body("statusDetails[0].fieldViolations[0].field", equalTo("name"));
    }

    @Test
    void badInputIsNamed() {
        given().contentType(ContentType.JSON).body("{}")
                .when().post("/demo/explorer/EchoService/Nope").then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("GET /demo/explorer?target=self lists them"));
        given().contentType(ContentType.JSON).queryParam("failAttempts", 1)
                .when().post("/demo/explorer/lab.auth.v1.IdentityService/WhoAmI").then()
                .statusCode(400).body("invalidParams[0].name", equalTo("failAttempts"));
        given().contentType(ContentType.JSON).body("{\"inner\": {\"count\": \"many\"}}")
                .when().post("/demo/explorer/lab.testing.v1.KitchenSinkService/Echo").then()
                .statusCode(400).body("invalidParams[0].name", equalTo("body.inner.count"));
        given().contentType(ContentType.JSON).body("[{}]")
                .when().post("/demo/explorer/EchoService/Echo").then()
                .statusCode(400).body("invalidParams[0].name", equalTo("body"));
        given().contentType(ContentType.JSON).queryParam("policy", "sometimes")
                .when().post("/demo/explorer/EchoService/Echo").then()
                .statusCode(400).body("invalidParams[0].name", equalTo("policy"));
        given().contentType(ContentType.JSON).queryParam("deadlineMs", 0)
                .when().post("/demo/explorer/EchoService/Echo").then()
                .statusCode(400).body("invalidParams[0].name", equalTo("deadlineMs"));
    }
}
