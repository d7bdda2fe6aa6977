package io.grpclab.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** Production ships no user: the auth demos say so instead of failing obscurely. */
@QuarkusTest
@TestProfile(NoUsersTests.NoUsers.class)
class NoUsersTests {

    /** A profile without the lab's users (it does not inherit the lab), with the demos switched on. */
    public static class NoUsers implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "no-users";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.tls.dir", "target/test-certs", "lab.tls.generate-if-missing", "true",
                    "lab.auth.jwt.generate-if-missing", "true", "lab.demo.enabled", "true");
        }
    }

    @Test
    void theSessionFlowSaysNoUserIsConfigured() {
        JsonPath report = given().when().post("/demo/auth/session").then().statusCode(200).extract().jsonPath();

        assertThat(report.getBoolean("usersConfigured")).isFalse();
        assertThat(report.getString("note")).startsWith("no user is configured on this server");
        assertThat(report.getString("steps[0].status")).isEqualTo("UNAUTHENTICATED");
    }
}
