package io.grpclab.transcoding;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The gateway's routes in /q/openapi, built from the descriptors and the HTTP rules, described by the protos. */
@QuarkusTest
class GatewayOpenApiTests {

    JsonPath openApi;

    @BeforeEach
    void readTheDocument() {
        openApi = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();
    }

    @Test
    void everyRuleIsAnOperationAndAMethodWithoutOneIsNot() {
        Map<String, Object> paths = openApi.getMap("paths");
        assertThat(paths).containsKeys("/api/echo", "/api/hello", "/v1/sessions", "/v1/tokens", "/v1/logout",
                "/v1/whoami", "/api/whoami", "/v1/admin/report", "/v1/sinks", "/v1/sinks/{name}",
                "/v1/sinks/{name}/inner", "/v1/sinks/{name}:watch");
        assertThat(openApi.getString("paths.'/v1/whoami'.get.operationId"))
                .isEqualTo("lab.auth.v1.IdentityService.WhoAmI");
        assertThat(openApi.getString("paths.'/v1/sinks/{name}'.get.operationId"))
                .as("an additional binding has an id of its own").isEqualTo("lab.testing.v1.KitchenSinkService.Echo_2");
        assertThat(paths.keySet()).noneMatch(path -> path.contains("Watch") || path.contains("grpc"));
    }

    @Test
    void theProtosCommentsAreTheDescriptions() {
        assertThat(openApi.getString("paths.'/v1/sessions'.post.description"))
                .startsWith("Session login: a new session id at every login");
        assertThat(openApi.getString("components.schemas.'lab.auth.v1.Session'.properties.idleExpiresAtMs"
                + ".description")).startsWith("Epoch milliseconds");
        assertThat(openApi.getString("components.schemas.'lab.auth.v1.Identity'.properties.mechanism.description"))
                .isEqualTo("basic | session | token | mtls");
    }

    @Test
    void schemasFollowProto3Json() {
        String sink = "components.schemas.'lab.testing.v1.KitchenSink'.properties.";
        assertThat(openApi.getMap(sink + "int64Value")).containsEntry("format", "int64");
        assertThat(types(sink + "int64Value")).containsExactly("string");
        assertThat(types(sink + "int32Value")).containsExactly("integer");
        assertThat(openApi.getMap(sink + "bytesValue")).containsEntry("format", "byte");
        assertThat(openApi.getList(sink + "color.enum")).containsExactly("COLOR_UNSPECIFIED", "RED", "GREEN");
        assertThat(openApi.getMap(sink + "at")).containsEntry("format", "date-time");
        assertThat(types(sink + "maybeInt64")).containsExactlyInAnyOrder("string", "null");
        assertThat(types(sink + "tags.items")).containsExactly("string");
        assertThat(types(sink + "counts.additionalProperties")).containsExactly("integer");
        assertThat(openApi.getString(sink + "inner.'$ref'")).isEqualTo("#/components/schemas/lab.testing.v1.Inner");
        assertThat(openApi.getString("paths.'/v1/sessions'.post.requestBody.content.'application/json'.schema.'$ref'"))
                .isEqualTo("#/components/schemas/lab.auth.v1.Credentials");
    }

    /** A schema's types: OpenAPI 3.1 writes one as a string, several as a list. */
    private List<Object> types(String schema) {
        Object type = openApi.get(schema + ".type");
        return type instanceof List<?> list ? List.copyOf(list) : List.of(type);
    }

    @Test
    void pathVariablesAndTheFieldsNoBodyTakesAreParameters() {
        List<Map<String, Object>> parameters = openApi.getList("paths.'/v1/sinks/{name}'.get.parameters");
        assertThat(parameters).anySatisfy(p -> assertThat(p).containsEntry("name", "name").containsEntry("in", "path")
                .containsEntry("required", true));
        assertThat(parameters).extracting(p -> p.get("name"))
                .contains("int64Value", "inner.label", "inner.count", "at", "X-Request-Timeout")
                .doesNotContain("inner");
        assertThat(openApi.getList("paths.'/v1/sinks'.post.parameters.findAll { it.in == 'query' }")).isEmpty();
        assertThat(openApi.getMap("paths.'/v1/sinks/{name}:watch'.get.responses")).containsKey("501");
        assertThat(openApi.getString("paths.'/v1/whoami'.get.responses.'401'.content.'application/problem+json'"
                + ".schema.'$ref'")).isEqualTo("#/components/schemas/GatewayProblem");
    }
}
