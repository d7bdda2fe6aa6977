package io.grpclab.transcoding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** A test-only gRPC service served over HTTP from its rules alone: no resource class exists for it. */
@QuarkusTest
class TranscoderTests {

    @Test
    void aBodyRuleTakesProto3JsonAndAnswersProto3Json() {
        given().contentType(ContentType.JSON)
                .body("{\"name\":\"a\",\"int64_value\":\"12345678901234567\",\"color\":2,\"bytesValue\":\"AAEC/w==\","
                        + "\"at\":\"2026-11-30T10:00:00Z\",\"took\":\"1.5s\",\"maybeInt64\":\"7\","
                        + "\"details\":{\"k\":[1,\"x\"]}}")
                .when().post("/v1/sinks")
                .then().statusCode(200)
                .contentType("application/json")
                .header("X-Request-Id", notNullValue())
                .body("name", equalTo("a"))
                .body("int64Value", equalTo("12345678901234567"))
                .body("color", equalTo("GREEN"))
                .body("bytesValue", equalTo("AAEC/w=="))
                .body("at", equalTo("2026-11-30T10:00:00Z"))
                .body("took", equalTo("1.500s"))
                .body("maybeInt64", equalTo("7"))
                .body("details.k[1]", equalTo("x"));
    }

    @Test
    void pathVariablesAndQueryParametersFillAMessageWithoutABody() {
        given().queryParam("int32_value", 3).queryParam("tags", "a").queryParam("tags", "b")
                .queryParam("inner.label", "x").queryParam("maybeString", "s")
                .when().get("/v1/sinks/from-path")
                .then().statusCode(200)
                .body("name", equalTo("from-path"))
                .body("int32Value", equalTo(3))
                .body("tags", equalTo(java.util.List.of("a", "b")))
                .body("inner.label", equalTo("x"))
                .body("maybeString", equalTo("s"));
    }

    @Test
    void aBodyFieldAndAResponseBodyFieldMapOneFieldEachWay() {
        given().contentType(ContentType.JSON).body("{\"label\":\"x\",\"count\":2}")
                .when().put("/v1/sinks/n/inner")
                .then().statusCode(200)
                .body("label", equalTo("x"))
                .body("count", equalTo(2));
    }

    @Test
    void aValueThatDoesNotFitIsA400NamingItsField() {
        given().contentType(ContentType.JSON).body("{\"inner\":{\"count\":\"many\"}}")
                .when().post("/v1/sinks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo("inner.count"));
        given().contentType(ContentType.JSON).body("{\"nope\":1}").when().post("/v1/sinks").then().statusCode(400)
                .body("invalidParams[0].name", equalTo("nope"));
        given().queryParam("int32_value", "three").when().get("/v1/sinks/n").then().statusCode(400)
                .body("invalidParams[0].name", equalTo("int32Value"));
    }

    @Test
    void aFailedCallIsProblemJsonWithItsGoogleRpcDetails() {
        given().contentType(ContentType.JSON).body("{\"name\":\"invalid\"}")
                .when().post("/v1/sinks")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("grpcStatus", equalTo("INVALID_ARGUMENT"))
                .body("detail", equalTo("name may not be 'invalid'"))
                .body("details[0].'@type'", equalTo("type.googleapis.com/google.rpc.BadRequest"))
                .body("details[0].fieldViolations[0].field", equalTo("name"));
    }

    @Test
    void theGatewaysDeadlineAndRequestIdApply() {
        given().header("X-Request-Id", "transcoded-1").header("X-Request-Timeout", "0")
                .when().get("/v1/sinks/n").then().statusCode(400)
                .body("invalidParams[0].name", equalTo("X-Request-Timeout"));
        given().header("X-Request-Id", "transcoded-2").when().get("/v1/sinks/n").then().statusCode(200)
                .header("X-Request-Id", "transcoded-2")
                .header("Grpc-Trailer-x-served-attempt", matchesPattern("\\d+"));
    }

    @Test
    void aStreamingMethodsRouteSaysItIsNotSupportedYet() {
        // the colon unescaped, as curl sends it: an escaped %3A belongs to the segment, not to a verb
        given().urlEncodingEnabled(false).when().get("/v1/sinks/n:watch").then().statusCode(501)
                .contentType("application/problem+json")
                .body("detail", equalTo("lab.testing.v1.KitchenSinkService.Watch streams; the gateway transcodes "
                        + "unary methods only"));
    }

    @Test
    void aPathWithoutARuleIsNotServed() {
        given().when().get("/v1/elsewhere").then().statusCode(404);
        given().when().delete("/v1/sinks/n").then().statusCode(405);
    }

    @Test
    void aResponseBodyFieldAtItsDefaultIsPrintedAsItsDefault() {
        given().contentType(ContentType.JSON).body("{}").when().post("/v1/sink-names")
                .then().statusCode(200).contentType("application/json").body(equalTo("\"\""));
        given().contentType(ContentType.JSON).body("{\"name\":\"n\"}").when().post("/v1/sink-names")
                .then().statusCode(200).body(equalTo("\"n\""));
        given().contentType(ContentType.JSON).body("{}").when().put("/v1/sinks/n/inner")
                .then().statusCode(200).body(equalTo("{}"));
    }

    @Test
    void anUnreservedCharacterPercentEncodedMatchesItsPlainForm() {
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"name\":\"e\"}")
                .when().post("/v1/%73inks").then().statusCode(200).body("name", equalTo("e"));
        given().urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"echoMessage\":\"e\"}")
                .when().post("/api/%65cho").then().statusCode(200).body("echoMessage", equalTo("e"));
        // a reserved character encoded stays in its segment, and no one-segment variable takes a slash
        given().urlEncodingEnabled(false).when().get("/v1/sinks/a%2Fb").then().statusCode(404);
    }

    @Test
    void anEmptySegmentWhereAVariableGoesMatchesNoRoute() {
        given().when().get("/v1/sinks/").then().statusCode(404);
        given().contentType(ContentType.JSON).body("{}").when().put("/v1/sinks//inner").then().statusCode(404);
    }

    @Test
    void theHttpMetricsCountARouteByItsTemplateNotByEachPath() {
        given().when().get("/v1/sinks/metrics-a").then().statusCode(200);
        given().when().get("/v1/sinks/metrics-b").then().statusCode(200);

        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("uri=\"/v1/sinks/{name}\"").doesNotContain("metrics-a", "metrics-b");
    }
}
