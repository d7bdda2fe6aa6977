package io.grpclab;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoServiceGrpc;
import io.grpclab.support.PythonGrpc;
import io.grpclab.support.ReflectedServices;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged app in the lab profile, as the README offers it: it issues its certificates, serves TLS and runs the
 * demos. Built with {@code -Dnative}, this is the native executable, so every family of endpoints is called here once:
 * what a native image lacks (a class registered for reflection, a resource) fails only where it is used.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppResource.class)
class PackagedAppIT {

    static final String DEMO_LOGIN = "{\"username\":\"demo\",\"password\":\"demo-password\"}";
    static final List<String> GRPC_STATUS_NAMES = Arrays.stream(Status.Code.values()).map(Enum::name).toList();

    @Test
    void pings() {
        given().when().get("/api/ping").then().statusCode(200).body("status", equalTo("pong"));
    }

    /** The server listens on a free port and nothing else is set: the gateway's target follows it. */
    @Test
    void echoesThroughTheGatewayOverTlsToTheServersOwnPort() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"jar\"}")
                .when().post("/api/echo")
                .then().statusCode(200)
                .body("echoMessage", equalTo("jar"))
                .header("Grpc-Trailer-custom-header", "value");
    }

    @Test
    void reportsTheSeedDeadline() {
        given().when().get("/demo/deadline").then()
                .statusCode(200)
                .body("outcome.status", equalTo("DEADLINE_EXCEEDED"))
                .body("elapsedMs", allOf(greaterThanOrEqualTo(1000), lessThanOrEqualTo(1300)))
                .body("config.tls", equalTo(true));
    }

    @Test
    void hasTheLabOnTheJarReflectionSwaggerUiAndTheDemoUser() {
        given().when().get("/q/swagger-ui/").then().statusCode(200);
        given().auth().preemptive().basic("demo", "demo-password").when().get("/v1/whoami").then().statusCode(200)
                .body("name", equalTo("demo"));
        given().when().get("/demo/retry?failAttempts=2").then().statusCode(200).body("attempts.size()", equalTo(3));
    }

    /** As the README says: in the packaged app, the lab profile too, health is on the management port only. */
    @Test
    void healthIsOnTheManagementPortNotOnTheHttpPort() {
        given().when().get("/q/health").then().statusCode(404);
        given().port(PackagedAppResource.managementPort).when().get("/q/health").then().statusCode(200)
                .body("status", equalTo("UP"));
    }

    /** Every scenario the index lists, with its defaults (a POST with the demo user): a report with an outcome. */
    @Test
    void everyDemoScenarioReportsAnOutcome() {
        List<Map<String, String>> scenarios = given().when().get("/demo").then().statusCode(200).extract().jsonPath()
                .getList("scenarios");
        assertThat(scenarios).hasSizeGreaterThanOrEqualTo(10);
        for (Map<String, String> scenario : scenarios) {
            RequestSpecification request = given();
            if ("POST".equals(scenario.get("method"))) {
                request.contentType(ContentType.JSON).body(DEMO_LOGIN);
            }
            String status = request.when().request(scenario.get("method"), scenario.get("path")).then()
                    .statusCode(200).extract().path("outcome.status");
            assertThat(status).as(scenario.get("path")).isIn(GRPC_STATUS_NAMES);
        }
    }

    @Test
    void theLabPageAndItsScriptsAreServed() {
        given().when().get("/lab/").then().statusCode(200).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"));
        given().when().get("/lab/app.js").then().statusCode(200).contentType(containsString("javascript"));
    }

    /** The transcoder's routes from auth.proto's options: a session and a token, each until it is revoked. */
    @Test
    void logsInWithASessionAndATokenThroughTheTranscoder() {
        String session = given().contentType(ContentType.JSON).body(DEMO_LOGIN).when().post("/v1/sessions")
                .then().statusCode(200).extract().path("sessionId");
        given().header("X-Session-Id", session).when().get("/v1/whoami").then().statusCode(200)
                .body("mechanism", equalTo("session"));
        given().header("X-Session-Id", session).contentType(ContentType.JSON).body("{}").when().post("/v1/logout")
                .then().statusCode(200).body("revoked", equalTo("session"));
        given().header("X-Session-Id", session).when().get("/v1/whoami").then().statusCode(401)
                .contentType("application/problem+json").body("grpcStatus", equalTo("UNAUTHENTICATED"));

        String token = given().contentType(ContentType.JSON).body(DEMO_LOGIN).when().post("/v1/tokens")
                .then().statusCode(200).body("tokenType", equalTo("Bearer")).extract().path("token");
        given().header("Authorization", "Bearer " + token).when().get("/api/whoami").then().statusCode(200)
                .body("mechanism", equalTo("token"));
        given().header("Authorization", "Bearer " + token).when().get("/v1/admin/report").then().statusCode(403)
                .body("grpcStatus", equalTo("PERMISSION_DENIED"));
    }

    /** A failed call's google.rpc details (BadRequest from the server) printed as proto3 JSON in the problem. */
    @Test
    void aBlankNameIsRefusedWithTheServersDetails() {
        given().contentType(ContentType.JSON).body("{\"name\":\" \"}").when().post("/api/hello").then()
                .statusCode(400).contentType("application/problem+json")
                .body("details[0].'@type'", equalTo("type.googleapis.com/google.rpc.BadRequest"))
                .body("details[0].fieldViolations[0].field", equalTo("name"));
    }

    @Test
    void metricsAreOnTheManagementPort() {
        given().when().get("/api/ping").then().statusCode(200);
        String metrics = given().port(PackagedAppResource.managementPort).when().get("/q/metrics").then()
                .statusCode(200).extract().asString();
        assertThat(metrics).contains("http_server_requests_seconds_count", "grpc_server_processing_duration_seconds");
    }

    @Test
    void answersGrpcDirectlyOverTlsAndListsItsServicesByReflection() throws Exception {
        ManagedChannel channel = TestGrpc.tls(PackagedAppResource.grpcPort, Path.of(PackagedAppResource.CERTS, "ca.crt"));
        try {
            assertThat(EchoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .echo(EchoRequest.newBuilder().setEchoMessage("direct").build()).getEchoMessage())
                    .isEqualTo("direct");
            assertThat(ReflectedServices.of(channel).get(5, TimeUnit.SECONDS))
                    .contains("EchoService", "ExampleService", "lab.auth.v1.AuthService", "grpc.health.v1.Health");
        } finally {
            channel.shutdownNow();
        }
    }

    /** The tutorial's TLS client, as it calls SayHello, trusting the CA the app issued itself. */
    @Test
    void theSeedsTlsClientIsGreeted() throws Exception {
        PythonGrpc.require();
        PythonGrpc.Run run = PythonGrpc.script("seed_clients.py", Duration.ofSeconds(60), "auth",
                Integer.toString(PackagedAppResource.grpcPort), Path.of(PackagedAppResource.CERTS, "ca.crt").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode report = new ObjectMapper().readTree(run.output());
        assertThat(report.path("status").asText()).as(run.output()).isEqualTo("OK");
        assertThat(report.path("replyMessage").asText()).isEqualTo("Hello, Hyeonghwan!");
    }
}
