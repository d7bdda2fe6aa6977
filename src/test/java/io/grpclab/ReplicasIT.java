package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.support.PackagedApp;
import io.grpclab.support.RedisServer;

/**
 * Two packaged instances of the app and one real Redis (lab.auth.store=redis), as two replicas behind a load balancer:
 * what one replica does to a session or a token, the other sees at once, and failed logins count against one limit.
 */
class ReplicasIT {

    static final Path CERTS = Path.of("target/replica-certs");
    static final String LOGIN = "{\"username\":\"demo\",\"password\":\"demo-password\"}";
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static RedisServer redis;
    static PackagedApp a;
    static PackagedApp b;

    @BeforeAll
    static void startTwoReplicasAndRedis() throws Exception {
        RedisServer.require();
        redis = RedisServer.started();
        String[] properties = { "-Dquarkus.profile=lab", "-Dlab.tls.dir=" + CERTS, "-Dlab.auth.store=redis",
                "-Dquarkus.redis.hosts=" + redis.uri() };
        a = PackagedApp.started(properties); // first: it writes the shared certificates and token keys
        b = PackagedApp.started(properties);
    }

    @AfterAll
    static void stop() {
        if (a != null) {
            a.close("replica-a");
        }
        if (b != null) {
            b.close("replica-b");
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aSessionMadeOnAWorksOnBAndALogoutOnBEndsItOnA() throws Exception {
        String session = post(a.http("/v1/sessions"), LOGIN, null).path("sessionId").asText();

        assertThat(get(b.http("/v1/whoami"), "X-Session-Id", session).statusCode()).isEqualTo(200);
        HttpResponse<String> logout = send(HttpRequest.newBuilder(b.http("/v1/logout"))
                .header("X-Session-Id", session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(logout.body()).contains("\"revoked\":\"session\"");
        HttpResponse<String> ended = get(a.http("/v1/whoami"), "X-Session-Id", session);
        assertThat(ended.statusCode()).isEqualTo(401);
        assertThat(ended.body()).contains("the session is unknown, expired or ended");
    }

    @Test
    void aNewLoginOnBEndsTheUsersSessionMadeOnA() throws Exception {
        String first = post(a.http("/v1/sessions"), LOGIN, null).path("sessionId").asText();
        String second = post(b.http("/v1/sessions"), LOGIN, null).path("sessionId").asText();

        assertThat(get(a.http("/v1/whoami"), "X-Session-Id", first).statusCode()).isEqualTo(401);
        assertThat(get(a.http("/v1/whoami"), "X-Session-Id", second).statusCode()).isEqualTo(200);
    }

    @Test
    void aTokenRevokedOnAIsRefusedByB() throws Exception {
        String token = post(a.http("/v1/tokens"), LOGIN, null).path("token").asText();
        assertThat(get(b.http("/v1/whoami"), "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);

        post(a.http("/v1/logout"), "{}", "Bearer " + token);

        HttpResponse<String> refused = get(b.http("/v1/whoami"), "Authorization", "Bearer " + token);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("the token was revoked");
    }

    @Test
    void failedLoginsOnAAndBCountAgainstOneLimit() throws Exception {
        String wrong = "{\"username\":\"ghost\",\"password\":\"wrong\"}";
        for (int i = 0; i < 5; i++) { // lab.auth.throttle.max-failures-per-user-and-client: 5
            PackagedApp replica = i % 2 == 0 ? a : b;
            assertThat(postRaw(replica.http("/v1/sessions"), wrong).statusCode()).as("failure " + (i + 1))
                    .isEqualTo(401);
        }
        for (PackagedApp replica : new PackagedApp[] { a, b }) {
            HttpResponse<String> throttled = postRaw(replica.http("/v1/sessions"), wrong);
            assertThat(throttled.statusCode()).as("past the limit, on either replica").isEqualTo(429);
            assertThat(throttled.body()).contains("too many failed logins");
        }
    }

    private static HttpResponse<String> postRaw(URI uri, String json) throws Exception {
        return send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static JsonNode post(URI uri, String json, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response = send(request);
        assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(URI uri, String header, String value) throws Exception {
        return send(HttpRequest.newBuilder(uri).header(header, value));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
