package io.grpclab.auth;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The auth and identity RPCs through the gateway, from the google.api.http options of lab/auth/v1/auth.proto: the
 * routes need no resource class, and the credentials travel as the server expects them (Authorization and
 * X-Session-Id as metadata, the password in the body).
 */
@QuarkusTest
class AuthRoutesTests {

    static final String LOGIN = "{\"username\":\"demo\",\"password\":\"demo-password\"}";

    @Test
    void aSessionFromPostSessionsAuthenticatesUntilLogoutRevokesIt() {
        String session = given().contentType(ContentType.JSON).body(LOGIN)
                .when().post("/v1/sessions")
                .then().statusCode(200)
                .body("idleExpiresAtMs", org.hamcrest.Matchers.matchesPattern("[0-9]+")) // int64: a JSON string
                .extract().path("sessionId");

        given().header("X-Session-Id", session).when().get("/v1/whoami")
                .then().statusCode(200).body("name", equalTo("demo")).body("mechanism", equalTo("session"));
        given().header("X-Session-Id", session).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/logout")
                .then().statusCode(200).body("revoked", equalTo("session"));
        given().header("X-Session-Id", session).when().get("/v1/whoami")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("grpcStatus", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void aTokenFromPostTokensIsABearerCredential() {
        String token = given().contentType(ContentType.JSON).body(LOGIN)
                .when().post("/v1/tokens")
                .then().statusCode(200).body("tokenType", equalTo("Bearer"))
                .extract().path("token");

        given().header("Authorization", "Bearer " + token).when().get("/v1/whoami")
                .then().statusCode(200).body("mechanism", equalTo("token")).body("roles[0]", equalTo("user"));
        given().header("Authorization", "Bearer " + token).when().get("/v1/admin/report")
                .then().statusCode(403).body("grpcStatus", equalTo("PERMISSION_DENIED"));
    }

    @Test
    void aWrongPasswordIs401AndTheProblemNeverRepeatsIt() {
        given().contentType(ContentType.JSON).body("{\"username\":\"demo\",\"password\":\"wrong-secret\"}")
                .when().post("/v1/sessions")
                .then().statusCode(401).contentType("application/problem+json")
                .body(not(containsString("wrong-secret")));
    }

    @Test
    void basicCredentialsAreForwardedOnEveryRoute() {
        given().auth().preemptive().basic("demo", "demo-password").when().get("/v1/whoami")
                .then().statusCode(200).body("mechanism", equalTo("basic"));
        given().when().get("/v1/whoami").then().statusCode(401);
        given().auth().preemptive().basic("demo", "demo-password").when().get("/api/whoami")
                .then().statusCode(200).body("name", equalTo("demo")); // WhoAmI's additional binding
    }

    @Test
    void anOversizedCredentialHeaderIs431BeforeAnyCall() {
        given().header("X-Session-Id", "s".repeat(9000)).when().get("/v1/whoami")
                .then().statusCode(431).contentType("application/problem+json");
    }

    @Test
    void aLoginBodyWithAFieldCredentialsDoNotHaveIsRefusedNamingIt() {
        given().contentType(ContentType.JSON).body("{\"user\":\"demo\",\"password\":\"demo-password\"}")
                .when().post("/v1/sessions")
                .then().statusCode(400).body("invalidParams[0].name", equalTo("user"));
    }
}
