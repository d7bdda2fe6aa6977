package io.grpclab.auth.store;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.grpclab.support.RedisServerResource;
import io.grpclab.support.RequiresRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * The app with {@code lab.auth.store=redis} against a real redis-server the test starts: sessions and revoked tokens
 * are Redis keys with the rules' TTLs, and a Redis taken away mid-run makes logins and session calls 503 "the session
 * store is unavailable" (Basic logins too: the throttle's counts are in Redis) and readiness DOWN, never a 500;
 * Redis back, all works again.
 */
@QuarkusTest
@RequiresRedis
@TestProfile(RedisStoreTests.WithRedis.class)
class RedisStoreTests {

    static final String LOGIN = "{\"username\":\"demo\",\"password\":\"demo-password\"}";

    public static class WithRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.auth.store", "redis", "lab.auth.store-timeout", "1s");
        }

        @Override
        public java.util.List<TestResourceEntry> testResources() {
            return java.util.List.of(new TestResourceEntry(RedisServerResource.class));
        }
    }

    @Inject
    Redis redis;

    @Test
    void aSessionIsARedisKeyThatExpiresAtItsIdleDeadline() {
        String session = login();

        assertThat(redis(Request.cmd(Command.EXISTS).arg(RedisSessionStore.SESSION_PREFIX + session)).toLong())
                .isEqualTo(1);
        long ttl = redis(Request.cmd(Command.PTTL).arg(RedisSessionStore.SESSION_PREFIX + session)).toLong();
        assertThat(ttl).as("the idle timeout, 15 min").isBetween(Duration.ofMinutes(14).toMillis(),
                Duration.ofMinutes(15).toMillis());
        assertThat(redis(Request.cmd(Command.GET).arg(RedisSessionStore.USER_PREFIX + "demo")).toString())
                .isEqualTo(session);
        given().header("X-Session-Id", session).when().get("/v1/whoami")
                .then().statusCode(200).body("mechanism", equalTo("session"));
    }

    @Test
    void aRevokedTokenIsARedisKeyUntilItsExpiry() {
        String token = given().contentType(ContentType.JSON).body(LOGIN).when().post("/v1/tokens")
                .then().statusCode(200).extract().path("token");
        given().header("Authorization", "Bearer " + token).contentType(ContentType.JSON).body("{}")
                .when().post("/v1/logout").then().statusCode(200).body("revoked", equalTo("token"));

        Response keys = redis(Request.cmd(Command.KEYS).arg(RedisRevokedTokens.PREFIX + "*"));
        assertThat(keys.size()).isGreaterThanOrEqualTo(1);
        long ttl = redis(Request.cmd(Command.PTTL).arg(keys.get(0).toString())).toLong();
        assertThat(ttl).as("the token's lifetime (15 min) and the clock skew (30 s)")
                .isBetween(Duration.ofMinutes(15).toMillis(), Duration.ofMinutes(16).toMillis());
        given().header("Authorization", "Bearer " + token).when().get("/v1/whoami")
                .then().statusCode(401).body("detail", equalTo("the token was revoked"));
    }

    @Test
    void withoutRedisLoginsAndSessionCallsAre503AndReadinessIsDown() {
        String session = login();
        RedisServerResource.server().stop();
        try {
            given().header("X-Session-Id", session).when().get("/v1/whoami")
                    .then().statusCode(503).contentType("application/problem+json")
                    .body("grpcStatus", equalTo("UNAVAILABLE"))
                    .body("detail", equalTo("the session store is unavailable"))
                    .header("Grpc-Trailer-x-served-attempt", "1"); // the server said not to retry: no 2nd attempt
            given().contentType(ContentType.JSON).body(LOGIN).when().post("/v1/sessions")
                    .then().statusCode(503).body("detail", equalTo("the session store is unavailable"));
            given().when().get("/q/health/ready").then().statusCode(503);
            given().auth().preemptive().basic("demo", "demo-password").when().get("/v1/whoami")
                    .then().statusCode(503); // a Basic login too: the throttle's counts are in Redis
        } finally {
            RedisServerResource.server().start();
        }
        given().when().get("/q/health/ready").then().statusCode(200);
        String again = login();
        given().header("X-Session-Id", again).when().get("/v1/whoami").then().statusCode(200);
    }

    @Test
    void anAuthenticatedCallCostsOneRedisCommand() {
        String session = login();
        String token = given().contentType(ContentType.JSON).body(LOGIN).when().post("/v1/tokens")
                .then().statusCode(200).extract().path("token");

        redis(Request.cmd(Command.CONFIG).arg("RESETSTAT"));
        given().header("X-Session-Id", session).when().get("/v1/whoami").then().statusCode(200);
        assertThat(calls("eval")).as("a session call: one script (read and touch)").isEqualTo(1);
        assertThat(calls("exists")).isZero();

        redis(Request.cmd(Command.CONFIG).arg("RESETSTAT"));
        given().header("Authorization", "Bearer " + token).when().get("/v1/whoami").then().statusCode(200);
        assertThat(calls("exists")).as("a token call: is it revoked?").isEqualTo(1);
        assertThat(calls("eval")).isZero();
    }

    @Test
    void concurrentCorrectBasicCallsFromOneAddressAreNotThrottled() throws Exception {
        given().auth().preemptive().basic("demo", "demo-password").when().get("/v1/whoami").then().statusCode(200);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(30);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 120; i++) { // six times the per-client limit (20), all in flight together
                calls.add(pool.submit(() -> given().auth().preemptive().basic("demo", "demo-password")
                        .when().get("/v1/whoami").then().extract().statusCode()));
            }
            for (java.util.concurrent.Future<Integer> call : calls) {
                assertThat(call.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** How many times Redis ran the command since the stats were reset (scripts' own commands included). */
    private long calls(String command) {
        String stats = redis(Request.cmd(Command.INFO).arg("commandstats")).toString();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("cmdstat_" + command + ":calls=(\\d+)")
                .matcher(stats);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private String login() {
        return given().contentType(ContentType.JSON).body(LOGIN).when().post("/v1/sessions")
                .then().statusCode(200).extract().path("sessionId");
    }

    private Response redis(Request request) {
        return redis.send(request).await().atMost(Duration.ofSeconds(5));
    }
}
