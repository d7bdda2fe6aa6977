package io.grpclab.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** Health, metrics and the API documentation. */
@QuarkusTest
class OperationsTests {

    @Test
    void healthIsUpWithTheGrpcServerInReadiness() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("gRPC Server"))
                .body("checks.find { it.name == 'gRPC Server' }.data.EchoService", equalTo(true));
    }

    @Test
    void ourCountersTellRetriesDeadlinesAndAuthFailuresByMethod() {
        double retries = metric("lab_grpc_client_retries_total", "method=\"ExampleService/SayHello\"");
        double deadlines = metric("lab_grpc_client_deadline_exceeded_total", "method=\"EchoService/Echo\"");
        double authFailures = metric("lab_auth_failures_total", "mechanism=\"none\"");

        given().when().get("/demo/retry?failAttempts=2").then().statusCode(200);
        given().when().get("/demo/deadline?deadlineMs=50&delayMs=1000").then().statusCode(200);
        given().when().get("/v1/whoami").then().statusCode(401);

        assertThat(metric("lab_grpc_client_retries_total", "method=\"ExampleService/SayHello\""))
                .isEqualTo(retries + 2);
        assertThat(metric("lab_grpc_client_attempts_total", "kind=\"retry\",method=\"ExampleService/SayHello\""))
                .isGreaterThanOrEqualTo(2);
        assertThat(metric("lab_grpc_client_deadline_exceeded_total", "method=\"EchoService/Echo\""))
                .isEqualTo(deadlines + 1);
        assertThat(metric("lab_auth_failures_total", "mechanism=\"none\"")).isEqualTo(authFailures + 1);
        assertThat(metric("lab_circuit_breaker_state", "name=\"echo-gateway\"")).isBetween(0.0, 2.0);
        assertThat(metric("grpc_server_processing_duration_seconds_count", "service=\"ExampleService\""))
                .isPositive();
    }

    @Test
    void everyEndpointIsDocumentedWithBoundsDefaultsAndErrors() {
        JsonPath openapi = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .extract().jsonPath();

        Map<String, Object> paths = openapi.getMap("paths");
        assertThat(paths.keySet()).contains("/api/ping", "/api/echo", "/api/hello", "/v1/whoami", "/demo",
                "/demo/deadline", "/demo/keepalive", "/demo/metadata", "/demo/retry", "/demo/hedging",
                "/demo/fault-tolerance", "/demo/config", "/demo/tls", "/demo/auth/basic", "/demo/auth/session",
                "/demo/auth/token");
        assertThat(openapi.getMap("paths.'/demo/deadline'.get.parameters.find { it.name == 'deadlineMs' }.schema"))
                .containsEntry("minimum", 1).containsEntry("maximum", 60000).containsEntry("default", 1000);
        assertThat(openapi.getMap("paths.'/demo/retry'.get.parameters.find { it.name == 'failAttempts' }.schema"))
                .containsEntry("maximum", 100);
        assertThat(openapi.getMap("paths.'/demo/deadline'.get.responses").keySet()).contains("200", "400");
        assertThat(openapi.getMap("paths.'/api/echo'.post.responses").keySet()).contains("200", "400", "503", "504");
        for (String path : List.of("/demo/deadline", "/demo/retry", "/demo/metadata")) {
            assertThat(openapi.getString("paths.'" + path + "'.get.responses.'400'.content.'application/problem+json'"))
                    .as(path).isNotNull();
        }
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    private static double metric(String name, String labelFragment) {
        String body = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("^" + name + "\\{([^}]*)\\} (\\S+)$", Pattern.MULTILINE).matcher(body);
        double sum = 0;
        while (m.find()) {
            if (m.group(1).contains(labelFragment)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }
}
