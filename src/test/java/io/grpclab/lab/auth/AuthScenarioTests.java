package io.grpclab.lab.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpclab.support.CapturedLog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class AuthScenarioTests {

    @Test
    void theBasicFlowShowsTheRefusalsAndTheIdentity() {
        JsonPath report = flow("basic");

        assertThat(report.getList("steps.status", String.class))
                .containsExactly("UNAUTHENTICATED", "UNAUTHENTICATED", "OK", "PERMISSION_DENIED");
        assertThat(report.getString("steps[2].detail")).isEqualTo("demo [user] via basic");
        assertThat(report.getString("steps[1].credentials")).isEqualTo("authorization: Basic demo:********");
    }

    @Test
    void theSessionFlowShowsLoginUseLogoutAndTheRefusalAfter() {
        JsonPath report = flow("session");

        assertThat(report.getList("steps.status", String.class))
                .containsExactly("OK", "OK", "OK", "UNAUTHENTICATED", "OK", "OK");
        assertThat(report.getString("steps[1].detail")).isEqualTo("demo [user] via session");
        assertThat(report.getString("steps[3].detail")).isEqualTo("the session is unknown, expired or ended");
        assertThat(report.getString("steps[4].detail")).endsWith("a new id: true");
        assertThat(report.getString("steps[1].credentials")).matches("x-session-id: .{6}… \\(43 chars\\)");
    }

    @Test
    void theTokenFlowRefusesTamperedUnsignedExpiredAndRevokedTokens() {
        JsonPath report = flow("token");

        assertThat(report.getList("steps.status", String.class)).containsExactly("OK", "OK", "UNAUTHENTICATED",
                "UNAUTHENTICATED", "UNAUTHENTICATED", "OK", "UNAUTHENTICATED");
        assertThat(report.getString("steps[4].detail")).isEqualTo("the token has expired");
        assertThat(report.getString("steps[6].detail")).isEqualTo("the token was revoked");
    }

    @Test
    void aFlowCanLogInAsAnotherUserAndSaysWhenItCannot() {
        JsonPath report = given().body("{\"username\":\"nobody\",\"password\":\"x\"}").when().post("/demo/auth/session")
                .then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("outcome.status")).isEqualTo("UNAUTHENTICATED");
        assertThat(report.getString("outcome.description")).contains("step 1", "invalid user name or password");
    }

    @Test
    void aBodyOutOfItsBoundsIs400NamingTheField() {
        given().body("{\"password\":\"x\"}").when().post("/demo/auth/basic").then().statusCode(400)
                .contentType("application/problem+json").body("invalidParams[0].name", equalTo("username"));
        given().body("{\"username\":\"" + "u".repeat(65) + "\"}").when().post("/demo/auth/basic").then().statusCode(400)
                .body("invalidParams[0].name", equalTo("username"));
    }

    @Test
    void aJsonNullBodyIs400() {
        given().body("null").when().post("/demo/auth/basic").then().statusCode(400)
                .body("invalidParams[0].name", equalTo("body"));
    }

    @Test
    void aBodyThatIsNotJsonIs400() {
        given().body("username=demo").when().post("/demo/auth/basic").then().statusCode(400)
                .body("invalidParams[0].name", equalTo("body"));
    }

    @Test
    void noSecretReachesTheLogs() {
        try (CapturedLog log = CapturedLog.of("")) {
            JsonPath session = flow("session");
            JsonPath token = flow("token");
            assertThat(session.getString("outcome.status")).isEqualTo("OK");
            assertThat(token.getString("outcome.status")).isEqualTo("OK");

            assertThat(log.lines()).isNotEmpty().noneMatch(line -> line.contains("demo-password")
                    || line.contains("eyJ") || line.contains("ZGVtbzpkZW1vLXBhc3N3b3Jk"));
        }
    }

    @Test
    void whoAmIForwardsTheAuthorizationHeaderOnPurpose() {
        given().auth().preemptive().basic("demo", "demo-password").when().get("/v1/whoami").then()
                .statusCode(200).contentType(ContentType.JSON)
                .body("name", equalTo("demo")).body("roles", hasItems("user")).body("mechanism", equalTo("basic"));
        given().when().get("/v1/whoami").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Basic realm=\"grpc-resilience-lab\", Bearer")
                .body("grpcStatus", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void tlsReportShowsTheNegotiatedSessionAndTheServerCertificate() {
        JsonPath report = given().when().get("/demo/tls").then().statusCode(200).extract().jsonPath();

        assertThat(report.getString("tls.protocol")).isIn("TLSv1.3", "TLSv1.2");
        assertThat(report.getString("tls.cipherSuite"))
                .matches("TLS_(AES|CHACHA20).*|TLS_ECDHE_.*_GCM_.*|.*CHACHA20.*");
        assertThat(report.getString("tls.peerCertificate.subject")).contains("CN=localhost");
        assertThat(report.getString("tls.peerCertificate.issuer")).contains("development CA");
        assertThat(report.getList("tls.peerCertificate.subjectAlternativeNames", String.class))
                .contains("DNS:localhost", "IP:127.0.0.1");
        assertThat(report.getList("policy.protocols", String.class)).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        assertThat(report.getString("outcome.status")).isEqualTo("OK");
    }

    private static JsonPath flow(String scheme) {
        JsonPath report = given().when().post("/demo/auth/" + scheme).then().statusCode(200).extract().jsonPath();
        assertThat(report.getMap("outcome"))
                .isEqualTo(Map.of("status", "OK", "description", "every step ended as expected"));
        assertThat(report.getBoolean("usersConfigured")).isTrue();
        assertThat(report.getList("steps.asExpected", Boolean.class)).doesNotContain(false);
        assertThat(List.of(report.prettify())).noneMatch(text -> text.contains("demo-password"));
        return report;
    }
}
