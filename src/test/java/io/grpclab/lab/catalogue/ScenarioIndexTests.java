package io.grpclab.lab.catalogue;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ScenarioIndexTests {

    @Test
    void listsEveryScenarioWithItsParameters() {
        given().when().get("/demo").then()
                .statusCode(200)
                .body("scenarios.path", hasItems("/demo/deadline", "/demo/keepalive"))
                .body("scenarios.find { it.path == '/demo/deadline' }.parameters.name",
                        hasItems("deadlineMs", "delayMs"));
    }

    @Test
    void theIndexIsAPathThroughTheLessonsAndEachScenarioSaysWhatItTeaches() {
        JsonPath index = given().when().get("/demo").then().statusCode(200).extract().jsonPath();
        List<String> lessons = index.getList("scenarios.path", String.class).stream()
                .map(path -> path.substring("/demo/".length()).split("/")[0]).distinct().toList();

        assertThat(lessons).containsExactly("deadline", "keepalive", "metadata", "retry", "hedging", "bad-network",
                "fault-tolerance", "tls", "auth", "config");
        assertThat(index.getList("scenarios.lesson", Integer.class)).isSorted().startsWith(1);
        assertThat(index.getList("scenarios.teaches", String.class)).allSatisfy(sentence -> assertThat(sentence)
                .isNotBlank().endsWith(".").doesNotContain(". ", "\n"));
    }

    @Test
    void everyTryNextPresetSetsOnlyParametersItsScenarioDeclares() {
        List<Map<String, Object>> scenarios = given().when().get("/demo").then().statusCode(200).extract().jsonPath()
                .getList("scenarios");
        assertThat(scenarios.stream().filter(s -> !((List<?>) s.getOrDefault("tryNext", List.of())).isEmpty())
                .count()).isEqualTo(scenarios.size()); // every scenario
        Map<String, List<String>> declared = new java.util.HashMap<>();
        for (Map<String, Object> scenario : scenarios) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> parameters = (List<Map<String, Object>>) scenario.getOrDefault("parameters",
                    List.of());
            declared.put(((String) scenario.get("path")).substring("/demo/".length()),
                    parameters.stream().map(p -> (String) p.get("name")).toList());
        }
        for (Map<String, Object> scenario : scenarios) {
            @SuppressWarnings("unchecked")
            List<Map<String, String>> presets = (List<Map<String, String>>) scenario.getOrDefault("tryNext",
                    List.of());
            for (Map<String, String> preset : presets) {
                assertThat(preset.get("label")).isNotBlank();
                String target = preset.getOrDefault("scenario",
                        ((String) scenario.get("path")).substring("/demo/".length()));
                assertThat(declared).as(scenario.get("path") + " " + preset + ": a scenario").containsKey(target);
                for (String pair : preset.get("query").split("&")) {
                    if (!pair.isEmpty()) {
                        assertThat(declared.get(target)).as(scenario.get("path") + " " + preset)
                                .contains(pair.split("=")[0]);
                    }
                }
            }
        }
    }

    @Test
    void theIndexIsTheOpenApiDescriptionOfEveryScenario() {
        Map<String, Map<String, Map<String, Object>>> paths = given().queryParam("format", "json").when()
                .get("/q/openapi").then().statusCode(200).extract().jsonPath().getMap("paths");
        Map<Boolean, List<String>> demoPaths = paths.entrySet().stream().filter(e -> e.getKey().startsWith("/demo/"))
                .collect(Collectors.partitioningBy(e -> e.getValue().values().stream()
                        .anyMatch(operation -> ((List<?>) operation.getOrDefault("tags", List.of())).contains("demo")),
                        Collectors.mapping(Map.Entry::getKey, Collectors.toList())));
        List<String> indexed = given().when().get("/demo").then().statusCode(200).extract().jsonPath()
                .getList("scenarios.path", String.class);

        assertThat(indexed).containsExactlyInAnyOrderElementsOf(demoPaths.get(true));
        assertThat(demoPaths.get(false))
                .as("the /demo operations that run no scenario: the fault proxy's controls and the explorer")
                .allMatch(path -> path.startsWith("/demo/network") || path.startsWith("/demo/explorer"));
        given().when().get("/demo").then()
                .body("scenarios.find { it.path == '/demo/deadline' }"
                        + ".parameters.find { it.name == 'deadlineMs' }.bounds",
                        equalTo("1..60000"))
                .body("scenarios.find { it.path == '/demo/deadline' }"
                        + ".parameters.find { it.name == 'deadlineMs' }.defaultValue",
                        equalTo("1000"))
                .body("scenarios.find { it.path == '/demo/retry' }.parameters.find { it.name == 'mode' }.bounds",
                        equalTo("knobs | seed"))
                .body("scenarios.find { it.path == '/demo/auth/session' }.method", equalTo("POST"));
    }

    @Test
    void theFailureCodesOfferedAreTheOnesAccepted() {
        List<String> codes = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath().getList("components.schemas.Code.enum");
        assertThat(codes).hasSize(16).contains("UNAVAILABLE", "DATA_LOSS").doesNotContain("OK");
    }

    @Test
    void everyOperationThatTakesInputDocumentsItsProblem() {
        JsonPath openApi = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();

        for (String operation : List.of("'/demo/deadline'.get", "'/demo/auth/basic'.post")) {
            assertThat(openApi.getString("paths." + operation + ".responses.'400'.content.'application/problem+json'"
                    + ".schema.'$ref'")).as(operation).isEqualTo("#/components/schemas/Problem");
        }
        // the gateway's routes: Problem with the call's google.rpc details
        assertThat(openApi.getString("paths.'/api/echo'.post.responses.'400'.content.'application/problem+json'"
                + ".schema.'$ref'")).isEqualTo("#/components/schemas/GatewayProblem");
        assertThat(openApi.getMap("paths.'/demo/keepalive'.get.responses")).doesNotContainKey("400");
        given().when().get("/demo").then().body("scenarios.find { it.path == '/demo/auth/basic' }.body",
                containsString("username: 1..64 characters"));
    }
}
