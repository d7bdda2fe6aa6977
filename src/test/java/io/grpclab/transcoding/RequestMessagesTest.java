package io.grpclab.transcoding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.util.JsonFormat;

import io.grpclab.testing.v1.KitchenSink;

/** The proto3 JSON mapping of request bodies, path variables and query parameters, rule by rule. */
class RequestMessagesTest {

    static final Descriptors.MethodDescriptor ECHO = KitchenSink.getDescriptor().getFile()
            .findServiceByName("KitchenSinkService").findMethodByName("Echo");

    final RequestMessages strict = new RequestMessages(false);

    /** body (proto3 JSON), then the field it sets as JsonFormat prints the message back (lowerCamel names). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"name\":\"a\"}                        | \"name\": \"a\"",
            "{\"int64Value\":\"12345678901234567\"}   | \"int64Value\": \"12345678901234567\"",
            "{\"int64_value\":5}                      | \"int64Value\": \"5\"",
            "{\"uint64Value\":\"18446744073709551615\"} | \"uint64Value\": \"18446744073709551615\"",
            "{\"sint32Value\":-3}                     | \"sint32Value\": -3",
            "{\"fixed64Value\":\"9\"}                 | \"fixed64Value\": \"9\"",
            "{\"floatValue\":\"NaN\"}                 | \"floatValue\": \"NaN\"",
            "{\"doubleValue\":1.5e300}                | \"doubleValue\": 1.5E300",
            "{\"boolValue\":true}                     | \"boolValue\": true",
            "{\"bytesValue\":\"AAEC/w==\"}            | \"bytesValue\": \"AAEC/w==\"",
            "{\"bytesValue\":\"AAEC_w\"}              | \"bytesValue\": \"AAEC/w==\"",
            "{\"color\":\"GREEN\"}                    | \"color\": \"GREEN\"",
            "{\"color\":2}                            | \"color\": \"GREEN\"",
            "{\"inner\":{\"label\":\"x\"}}            | \"label\": \"x\"",
            "{\"tags\":[\"a\",\"b\"]}                 | \"tags\": [\"a\", \"b\"]",
            "{\"counts\":{\"k\":1}}                   | \"k\": 1",
            "{\"at\":\"2026-11-30T10:00:00.5Z\"}      | \"at\": \"2026-11-30T10:00:00.500Z\"",
            "{\"took\":\"1.5s\"}                      | \"took\": \"1.500s\"",
            "{\"maybeInt64\":\"7\"}                   | \"maybeInt64\": \"7\"",
            "{\"maybeString\":\"\"}                   | \"maybeString\": \"\"",
            "{\"details\":{\"a\":[1,\"x\",null]}}     | \"a\": [1.0, \"x\", null]" })
    void aBodyReadsAsProto3Json(String body, String printed) throws Exception {
        DynamicMessage message = strict.build(binding("*", "/v1/sinks"), Map.of(), Map.of(), body);

        assertThat(JsonFormat.printer().print(message)).contains(printed);
    }

    /** body, the field the error names. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"nope\":1}                    | nope",
            "{\"int32Value\":\"abc\"}          | int32Value",
            "{\"int32Value\":3000000000}       | int32Value",
            "{\"color\":\"PURPLE\"}            | color",
            "{\"at\":\"yesterday\"}            | at",
            "{\"inner\":{\"label\":\"1\",\"x\":2}} | inner.x",
            "[1]                               | body",
            "{\"name\":                        | body" })
    void aBodyThatDoesNotFitIsRefusedNamingTheField(String body, String field) {
        assertThatThrownBy(() -> strict.build(binding("*", "/v1/sinks"), Map.of(), Map.of(), body))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    @Test
    void unknownFieldsCanBeIgnoredInsteadOfRefused() throws Exception {
        DynamicMessage message = new RequestMessages(true).build(binding("", "/v1/sinks"), Map.of(),
                query("nope", "1", "name", "n"), "");
        assertThat(JsonFormat.printer().print(message)).contains("\"name\": \"n\"").doesNotContain("nope");
        DynamicMessage body = new RequestMessages(true).build(binding("*", "/v1/sinks"), Map.of(), Map.of(),
                "{\"nope\":1,\"name\":\"n\"}");
        assertThat(JsonFormat.printer().print(body)).contains("\"name\": \"n\"");
    }

    @Test
    void withoutABodyQueryParametersAndPathVariablesFillTheMessage() throws Exception {
        Map<String, List<String>> query = new LinkedHashMap<>(query("int32_value", "3", "inner.label", "x", "color",
                "RED", "took", "2s", "maybeString", "s", "name", "from-query"));
        query.put("tags", List.of("a", "b"));

        DynamicMessage message = strict.build(binding("", "/v1/sinks/{name}"), Map.of("name", "from-path"), query,
                null);

        String printed = JsonFormat.printer().print(message);
        assertThat(printed).contains("\"name\": \"from-path\"", "\"int32Value\": 3", "\"label\": \"x\"",
                "\"color\": \"RED\"", "\"took\": \"2s\"", "\"maybeString\": \"s\"", "\"tags\": [\"a\", \"b\"]");
    }

    @Test
    void aQueryParameterThatCannotBeAFieldValueIsRefusedNamingIt() {
        assertThatThrownBy(() -> strict.build(binding("", "/v1/sinks"), Map.of(), query("inner", "x"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("inner"));
        assertThatThrownBy(() -> strict.build(binding("", "/v1/sinks"), Map.of(), Map.of("name", List.of("a", "b")),
                null)).isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.getMessage()).contains("not repeated"));
        assertThatThrownBy(() -> strict.build(binding("", "/v1/sinks"), Map.of(), query("nope", "1"), null))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("nope"));
    }

    @Test
    void aBodyFieldTakesTheBodyAndThePathTheRest() throws Exception {
        DynamicMessage message = strict.build(binding("inner", "/v1/sinks/{name}"), Map.of("name", "n"), Map.of(),
                "{\"label\":\"x\",\"count\":2}");

        String printed = JsonFormat.printer().print(message);
        assertThat(printed).contains("\"name\": \"n\"", "\"label\": \"x\"", "\"count\": 2");
    }

    @Test
    void aQueryParameterNamingAFieldTheBodyOrThePathBindsIsNotAQueryParameter() throws Exception {
        DynamicMessage message = strict.build(binding("inner", "/v1/sinks/{name}"), Map.of("name", "from-path"),
                query("inner.label", "from-query", "name", "from-query", "inner", "y",
                        "int32Value", "3"),
                "{\"label\":\"from-body\"}");

        String printed = JsonFormat.printer().print(message);
        assertThat(printed).contains("\"name\": \"from-path\"", "\"label\": \"from-body\"", "\"int32Value\": 3")
                .doesNotContain("from-query");
    }

    @Test
    void aBodyIsReadStrictlyBeforeJsonFormatSeesIt() {
        for (String body : new String[] { "{\"name\":\"a\"} x", "{\"name\":\"a\"}{}", "{/* c */\"name\":\"a\"}",
                "{'name':'a'}", "{name:\"a\"}", "{\"doubleValue\":NaN}", "{\"name\":\"a\tb\"}" }) {
            assertThatThrownBy(() -> strict.build(binding("*", "/v1/sinks"), Map.of(), Map.of(), body)).as(body)
                    .isInstanceOfSatisfying(InvalidRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("body"));
        }
    }

    @Test
    void aBodyFieldIsCheckedAsTheFieldItBinds() {
        assertThatThrownBy(() -> strict.build(binding("inner", "/v1/sinks/{name}"), Map.of("name", "n"), Map.of(),
                "{\"label\":5}")).isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.field()).isEqualTo("inner.label"));
    }

    private static HttpBinding binding(String body, String path) {
        return new HttpBinding("POST", PathTemplate.parse(path), body, "", ECHO);
    }

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.put(pairs[i], List.of(pairs[i + 1]));
        }
        return query;
    }
}
