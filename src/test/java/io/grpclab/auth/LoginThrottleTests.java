package io.grpclab.auth;

import static io.grpclab.support.AuthCalls.PASSWORD;
import static io.grpclab.support.AuthCalls.USER;
import static io.grpclab.support.AuthCalls.auth;
import static io.grpclab.support.AuthCalls.credentials;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.support.TlsChannelTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(LoginThrottleTests.ThreeFailures.class)
class LoginThrottleTests extends TlsChannelTest {

    public static class ThreeFailures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.auth.throttle.max-failures-per-user", "3", "lab.auth.throttle.max-failures-per-client", "6");
        }
    }

    /** Each test is its own client: the test's loopback peer is a trusted proxy, so x-forwarded-for counts. */
    static Metadata from(String client) {
        Metadata metadata = new Metadata();
        metadata.put(TransportSecurityInterceptor.FORWARDED_FOR, client);
        return metadata;
    }

    @Test
    void afterThreeFailuresEvenTheRightPasswordIsRefusedForAWhile() {
        for (int i = 0; i < 3; i++) {
            assertThat(AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.1")).createSession(credentials(USER, "wrong")))
                    .getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        var throttled = AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.1"))
                .createSession(credentials(USER, PASSWORD)));

        assertThat(throttled.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(throttled.getStatus().getDescription()).startsWith("too many failed logins: try again in");
    }

    @Test
    void oneClientGuessingManyUsersIsThrottledButNotOthers() {
        for (int i = 0; i < 6; i++) {
            String user = "guess-" + i;
            AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.2")).createSession(credentials(user, "x")));
        }

        assertThat(AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.2")).createSession(credentials("another", "x")))
                .getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.3")).createSession(credentials("another", "x")))
                .getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void theGatewayAnswersAThrottledLoginWith429() {
        for (int i = 0; i < 3; i++) {
            given().auth().preemptive().basic("throttled-over-http", "x").when().get("/api/whoami").then().statusCode(401);
        }
        given().auth().preemptive().basic("throttled-over-http", "x").when().get("/api/whoami").then()
                .statusCode(429).contentType("application/problem+json")
                .body("detail", startsWith("too many failed logins"));
    }
}
