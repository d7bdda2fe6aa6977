package io.grpclab.transcoding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The proto3 JSON mapping (protobuf.dev/programming-guides/json) through the gateway, one row per rule: the test-only
 * KitchenSinkService echoes what it received, so each accepted row shows how a value is read and printed back, and
 * each refused row that it is a 400 naming the field. No resource class exists for the service: its routes come from
 * src/test/resources/http-rules-test.yaml.
 */
@QuarkusTest
class ProtoJsonConformanceTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> accepted() {
        return Stream.of(
                // field names: the JSON (lowerCamel) name and the proto name both, printed as the JSON name
                row("json name", "{\"int32Value\":5}", "int32Value", "5"),
                row("proto name", "{\"int32_value\":5}", "int32Value", "5"),
                // integers: 64-bit as strings (numbers accepted), 32-bit as numbers (strings accepted)
                row("int64 beyond a double's precision", "{\"int64Value\":\"9007199254740993\"}", "int64Value",
                        "\"9007199254740993\""),
                row("int64 as a number", "{\"int64Value\":12}", "int64Value", "\"12\""),
                row("uint64 maximum", "{\"uint64Value\":\"18446744073709551615\"}", "uint64Value",
                        "\"18446744073709551615\""),
                row("sint64 minimum", "{\"sint64Value\":\"-9223372036854775808\"}", "sint64Value",
                        "\"-9223372036854775808\""),
                row("fixed64 as a string", "{\"fixed64Value\":\"42\"}", "fixed64Value", "\"42\""),
                row("int32 as a string", "{\"int32Value\":\"7\"}", "int32Value", "7"),
                row("int32 written with an exponent", "{\"int32Value\":1e2}", "int32Value", "100"),
                row("uint32 maximum", "{\"uint32Value\":4294967295}", "uint32Value", "4294967295"),
                row("sfixed32 negative", "{\"sfixed32Value\":-3}", "sfixed32Value", "-3"),
                // floating point: numbers, and the strings NaN and Infinity
                row("double", "{\"doubleValue\":1.5}", "doubleValue", "1.5"),
                row("double NaN", "{\"doubleValue\":\"NaN\"}", "doubleValue", "\"NaN\""),
                row("float -Infinity", "{\"floatValue\":\"-Infinity\"}", "floatValue", "\"-Infinity\""),
                row("bool", "{\"boolValue\":true}", "boolValue", "true"),
                // bytes: base64, URL-safe base64 accepted, printed standard
                row("bytes", "{\"bytesValue\":\"aGk=\"}", "bytesValue", "\"aGk=\""),
                row("bytes URL-safe", "{\"bytesValue\":\"-_8=\"}", "bytesValue", "\"+/8=\""),
                // enums: by name or by number, printed by name
                row("enum by name", "{\"color\":\"RED\"}", "color", "\"RED\""),
                row("enum by number", "{\"color\":2}", "color", "\"GREEN\""),
                // default values are not printed
                row("a default value", "{\"int32Value\":0}", "int32Value", null),
                row("null is the default", "{\"int64Value\":null}", "int64Value", null),
                // repeated, maps and nested messages
                row("repeated", "{\"tags\":[\"a\",\"b\"]}", "tags", "[\"a\",\"b\"]"),
                row("map", "{\"counts\":{\"k\":3}}", "counts", "{\"k\":3}"),
                row("nested message", "{\"inner\":{\"label\":\"l\",\"count\":2}}", "inner",
                        "{\"label\":\"l\",\"count\":2}"),
                // well-known types in their JSON forms
                row("Timestamp, UTC", "{\"at\":\"2026-11-30T12:00:00Z\"}", "at", "\"2026-11-30T12:00:00Z\""),
                row("Timestamp with an offset, printed in UTC", "{\"at\":\"2026-11-30T13:00:00.5+01:00\"}", "at",
                        "\"2026-11-30T12:00:00.500Z\""),
                row("Duration", "{\"took\":\"1.5s\"}", "took", "\"1.500s\""),
                row("Int64Value wrapper", "{\"maybeInt64\":\"5\"}", "maybeInt64", "\"5\""),
                row("Int64Value wrapper at zero is set, so printed", "{\"maybeInt64\":\"0\"}", "maybeInt64", "\"0\""),
                row("StringValue wrapper", "{\"maybeString\":\"x\"}", "maybeString", "\"x\""),
                row("StringValue null: unset", "{\"maybeString\":null}", "maybeString", null),
                row("Struct (its numbers are doubles)", "{\"details\":{\"a\":[1,\"x\",true,null,{\"b\":{}}]}}",
                        "details", "{\"a\":[1.0,\"x\",true,null,{\"b\":{}}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accepted")
    void aValueIsReadAndPrintedAsProto3JsonSays(String rule, String body, String field, String printed)
            throws Exception {
        String answer = given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/sinks")
                .then().statusCode(200).contentType(ContentType.JSON)
                .extract().asString();
        JsonNode value = JSON.readTree(answer).get(field);
        if (printed == null) {
            assertThat(value).as(rule + ": " + answer).isNull();
        } else {
            assertThat(value).as(rule + ": " + answer).isEqualTo(JSON.readTree(printed));
        }
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                row("a string where a number goes", "{\"int32Value\":\"x\"}", "int32Value"),
                row("int32 out of range", "{\"int32Value\":2147483648}", "int32Value"),
                row("int32 with a fraction", "{\"int32Value\":1.5}", "int32Value"),
                row("uint32 negative", "{\"uint32Value\":-1}", "uint32Value"),
                row("int64 out of range", "{\"int64Value\":\"9223372036854775808\"}", "int64Value"),
                row("bool as a word", "{\"boolValue\":\"yes\"}", "boolValue"),
                row("bytes that are not base64", "{\"bytesValue\":\"%%%\"}", "bytesValue"),
                row("an enum name it does not have", "{\"color\":\"PURPLE\"}", "color"),
                row("a Timestamp that is not RFC 3339", "{\"at\":\"yesterday\"}", "at"),
                row("a Duration without its s", "{\"took\":\"5 minutes\"}", "took"),
                row("a single value where a list goes", "{\"tags\":\"a\"}", "tags"),
                row("a nested value that does not fit", "{\"inner\":{\"count\":\"many\"}}", "inner.count"),
                row("an unknown field", "{\"colour\":\"RED\"}", "colour"),
                row("an unknown nested field", "{\"inner\":{\"nope\":1}}", "inner.nope"),
                // proto3 JSON's types where protobuf's JsonFormat is lenient: each of these it read as a string
                row("a number where a string goes", "{\"name\":1}", "name"),
                row("a boolean where a string goes", "{\"name\":true}", "name"),
                row("a one-element list where a string goes", "{\"name\":[\"a\"]}", "name"),
                row("a number in a list of strings", "{\"tags\":[\"a\",1]}", "tags"),
                row("a number where bytes go", "{\"bytesValue\":12}", "bytesValue"),
                row("a number where a nested string goes", "{\"inner\":{\"label\":5}}", "inner.label"),
                row("a number for a StringValue", "{\"maybeString\":5}", "maybeString"),
                row("a string where a bool goes", "{\"boolValue\":\"true\"}", "boolValue"),
                row("a one-element list where a number goes", "{\"int32Value\":[5]}", "int32Value"),
                row("a lone surrogate in a string", "{\"name\":\"\\ud800\"}", "name"),
                row("a lone surrogate in a map key", "{\"counts\":{\"\\udc00\":1}}", "counts"),
                row("a lone surrogate in a Struct", "{\"details\":{\"k\":\"\\ud800x\"}}", "details"),
                // RFC 8259, strictly: JsonFormat's reader takes each of these
                row("trailing data", "{\"name\":\"a\"} x", "body"),
                row("a second value", "{\"name\":\"a\"}{\"name\":\"b\"}", "body"),
                row("a comment", "{/* c */\"name\":\"a\"}", "body"),
                row("single quotes", "{'name':'a'}", "body"),
                row("an unquoted key", "{name:\"a\"}", "body"),
                row("NaN as a bare word", "{\"doubleValue\":NaN}", "body"),
                row("not an object", "[1]", "body"),
                row("not JSON", "{\"name\":", "body"),
                row("nested deeper than any parser should follow", "{\"details\":{\"a\":" + "[".repeat(5000)
                        + "]".repeat(5000) + "}}", "body"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aValueThatBreaksARuleIs400NamingTheField(String rule, String body, String field) {
        given().contentType(ContentType.JSON).body(body)
                .when().post("/v1/sinks")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo(field));
    }

    @Test
    void theReasonSaysWhatWasWrongInWords() {
        given().contentType(ContentType.JSON).body("{\"colour\":\"RED\"}")
                .when().post("/v1/sinks")
                .then().statusCode(400)
                .body("detail", equalTo("colour is not a field of lab.testing.v1.KitchenSink"));
        given().contentType(ContentType.JSON).body("{\"int32Value\":\"x\"}")
                .when().post("/v1/sinks")
                .then().statusCode(400)
                .body("detail", equalTo("int32Value does not fit: Not an int32 value: \"x\""));
    }

    static Stream<Arguments> query() {
        return Stream.of(
                row("query: a scalar by its JSON name", Map.of("int64Value", "5"), "int64Value", "\"5\""),
                row("query: a scalar by its proto name", Map.of("int64_value", "5"), "int64Value", "\"5\""),
                row("query: an enum", Map.of("color", "GREEN"), "color", "\"GREEN\""),
                row("query: a nested field", Map.of("inner.label", "x"), "inner", "{\"label\":\"x\"}"),
                row("query: a Timestamp", Map.of("at", "2026-11-30T12:00:00Z"), "at", "\"2026-11-30T12:00:00Z\""),
                row("query: a wrapper", Map.of("maybeString", "w"), "maybeString", "\"w\""),
                row("query: bytes", Map.of("bytesValue", "aGk="), "bytesValue", "\"aGk=\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("query")
    void queryParametersFollowTheSameRules(String rule, Map<String, String> parameters, String field,
            String printed) throws Exception {
        String answer = given().queryParams(parameters)
                .when().get("/v1/sinks/from-query")
                .then().statusCode(200)
                .extract().asString();
        JsonNode echoed = JSON.readTree(answer);
        assertThat(echoed.get("name").asText()).isEqualTo("from-query"); // the path variable
        assertThat(echoed.get(field)).as(rule + ": " + answer).isEqualTo(JSON.readTree(printed));
    }

    private static Arguments row(Object... values) {
        return Arguments.of(values);
    }
}
