package io.grpclab.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * The owner of an account that strangers keep guessing logs in through the gateway with the default deadline: the
 * strangers' failures fill the account's queue ten seconds ahead, yet a right password from a client that has not
 * failed gets in at once, every time, while the strangers stay refused. The test's loopback peer is a trusted proxy,
 * so {@code X-Forwarded-For} plays each address. {@link OwnerLoginUnderAttackWithRedisTests} runs the same with the
 * counts in Redis.
 */
@QuarkusTest
@TestProfile(OwnerLoginUnderAttackTests.LongQueue.class)
class OwnerLoginUnderAttackTests {

    /** Past two failures for a user, its logins are 10 s apart (prod: past 10, 1 s doubling to 30 s). */
    public static class LongQueue implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.auth.throttle.user-delay-after", "2", "lab.auth.throttle.user-delay", "10s",
                    "lab.auth.throttle.user-max-delay", "60s", "lab.auth.throttle.max-failures-per-client", "20",
                    "lab.auth.users.owner.password-hash", LoginThrottleTests.DEMO_HASH);
        }
    }

    static final String RIGHT = "demo-password";

    @Test
    void theOwnersRightPasswordGetsThroughWhileStrangersKeepTheQueueFull() {
        assertThat(login("10.0.5.1", "guess-1", null)).isEqualTo(401);
        assertThat(login("10.0.5.2", "guess-2", null)).isEqualTo(401);
        assertThat(login("10.0.5.1", "guess-3", null)).as("in its turn; the next is 10 s on").isEqualTo(401);
        assertThat(login("10.0.5.2", "guess-4", "1000")).as("its turn is further than its deadline").isEqualTo(429);

        for (int i = 0; i < 3; i++) {
            assertThat(login("10.0.5.99", RIGHT, null)).as("the owner, login " + (i + 1)).isEqualTo(200);
        }
        assertThat(login("10.0.5.2", "guess-5", "1000")).as("the strangers are still spaced out").isEqualTo(429);
        assertThat(login("10.0.5.3", "guess-6", null)).as("a new address: one guess, at once").isEqualTo(401);
        assertThat(login("10.0.5.3", "guess-7", "1000")).as("then it waits its turn like the others")
                .isEqualTo(429);
    }

    /** POST /v1/sessions through the gateway from that address; the gateway's default deadline unless one is given. */
    static int login(String from, String password, String timeoutMs) {
        var request = given().contentType(ContentType.JSON).header("X-Forwarded-For", from)
                .body(Map.of("username", "owner", "password", password));
        if (timeoutMs != null) {
            request.header("X-Request-Timeout", timeoutMs);
        }
        return request.post("/v1/sessions").statusCode();
    }
}
