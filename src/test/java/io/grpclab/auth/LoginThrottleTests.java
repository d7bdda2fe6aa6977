package io.grpclab.auth;

import static io.grpclab.support.AuthCalls.PASSWORD;
import static io.grpclab.support.AuthCalls.USER;
import static io.grpclab.support.AuthCalls.auth;
import static io.grpclab.support.AuthCalls.basic;
import static io.grpclab.support.AuthCalls.credentials;
import static io.grpclab.support.AuthCalls.identity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.google.common.util.concurrent.ListenableFuture;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpclab.auth.v1.AuthServiceGrpc;
import io.grpclab.auth.v1.Session;
import io.grpclab.auth.v1.WhoAmIRequest;
import io.grpclab.grpc.ForwardedFor;
import io.grpclab.support.TlsChannelTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Login throttling on the wire: three failures per user and client, six per client, and past five failures for a user
 * from anywhere, its logins spaced 200 ms apart (doubling, capped at 400 ms). Each test plays its own clients: the
 * test's loopback peer is a trusted proxy, so x-forwarded-for names them.
 */
@QuarkusTest
@TestProfile(LoginThrottleTests.ThreeFailures.class)
class LoginThrottleTests extends TlsChannelTestBase {

    public static class ThreeFailures implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.auth.throttle.max-failures-per-user-and-client", "3",
                    "lab.auth.throttle.max-failures-per-client", "6", "lab.auth.throttle.user-delay-after", "5",
                    "lab.auth.throttle.user-delay", "200ms", "lab.auth.throttle.user-max-delay", "400ms",
                    // users of their own, whose failures no other test adds to (demo's password)
                    "lab.auth.users.owner.password-hash", DEMO_HASH, "lab.auth.users.victim.password-hash", DEMO_HASH);
        }
    }

    static final String DEMO_HASH = "$2a$10$Pt.gyugT7nWzu9lNXanq2.VNw6FzwLBwsLrcBQIeyHyoM8mW3GkpG";

    static Metadata from(String forwardedFor) {
        Metadata metadata = new Metadata();
        metadata.put(ForwardedFor.KEY, forwardedFor);
        return metadata;
    }

    @Test
    void afterThreeFailuresEvenTheRightPasswordIsRefusedToThatClientForAWhile() {
        for (int i = 0; i < 3; i++) {
            assertThat(AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.1"))
                    .createSession(credentials(USER, "wrong")))
                    .getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        var throttled = AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.1"))
                .createSession(credentials(USER, PASSWORD)));

        assertThat(throttled.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(throttled.getStatus().getDescription()).startsWith("too many failed logins: try again in");
    }

    @Test
    void aStrangersFailuresDoNotLockTheAccountForItsOwner() {
        for (int i = 0; i < 4; i++) {
            AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.66")).createSession(credentials("victim", "guess")));
        }
        assertThat(AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.66"))
                .createSession(credentials("victim", "guess")))
                .getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);

        Session mine = auth(channel, from("10.0.0.5")).createSession(credentials("victim", PASSWORD));
        assertThat(mine.getSessionId()).isNotEmpty();
    }

    @Test
    void failuresForAUserFromManyClientsSpaceTheirNextLoginsOutWithoutRefusingThem() throws Exception {
        for (int client = 1; client <= 5; client++) {
            String from = "10.0.3." + client;
            AuthGrpcTests.refused(() -> auth(channel, from(from)).createSession(credentials("owner", "guess")));
        }

        long start = System.nanoTime();
        ListenableFuture<Session> first = spaced("10.0.3.1").createSession(credentials("owner", "again-1"));
        ListenableFuture<Session> second = spaced("10.0.3.2").createSession(credentials("owner", "again-2"));

        for (ListenableFuture<Session> call : List.of(first, second)) {
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> call.get(10, TimeUnit.SECONDS));
            assertThat(((StatusRuntimeException) failed.getCause()).getStatus().getCode())
                    .as("checked in its turn, not refused").isEqualTo(Status.Code.UNAUTHENTICATED);
        }
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("the second waited its turn, 200 ms on")
                .isGreaterThanOrEqualTo(150);
    }

    private AuthServiceGrpc.AuthServiceFutureStub spaced(String from) {
        return AuthServiceGrpc.newFutureStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(
                from(from))).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Test
    void fortySimultaneousWrongPasswordsCheckOnlyTheLimitAndRefuseTheRest() throws Exception {
        AuthServiceGrpc.AuthServiceFutureStub stub = AuthServiceGrpc.newFutureStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(from("10.0.0.40")))
                .withDeadlineAfter(20, TimeUnit.SECONDS);
        List<ListenableFuture<Session>> calls = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            calls.add(stub.createSession(credentials("race-target", "wrong-" + i)));
        }
        List<Status.Code> codes = new ArrayList<>();
        for (ListenableFuture<Session> call : calls) {
            try {
                call.get(30, TimeUnit.SECONDS);
                codes.add(Status.Code.OK);
            } catch (ExecutionException e) {
                codes.add(((StatusRuntimeException) e.getCause()).getStatus().getCode());
            }
        }

        assertThat(codes).filteredOn(c -> c == Status.Code.UNAUTHENTICATED).as("checked with bcrypt").hasSize(3);
        assertThat(codes).filteredOn(c -> c == Status.Code.RESOURCE_EXHAUSTED).as("refused before the check")
                .hasSize(37);
    }

    @Test
    void theRightmostUntrustedHopIsTheClientSoAForgedLeftHopChangesNothing() {
        for (int i = 0; i < 3; i++) {
            String forged = "203.0.113." + i + ", 10.0.0.77";
            AuthGrpcTests.refused(() -> auth(channel, from(forged)).createSession(credentials(USER, "guess")));
        }

        assertThat(AuthGrpcTests.refused(() -> auth(channel, from("198.51.100.1, 10.0.0.77"))
                .createSession(credentials(USER, PASSWORD))).getStatus().getCode())
                .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    }

    @Test
    void aUserNameOver256BytesIsAnInvalidArgumentBeforeAnyLookup() {
        String huge = "é".repeat(129); // 258 bytes in UTF-8
        assertThat(AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.8")).createSession(credentials(huge, "x")))
                .getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(AuthGrpcTests.refused(() -> identity(channel, basic(huge, "x"))
                .whoAmI(WhoAmIRequest.getDefaultInstance()))
                .getStatus().getDescription()).contains("longer than 256 bytes");
    }

    @Test
    void oneClientGuessingManyUsersIsThrottledButNotOthers() {
        for (int i = 0; i < 6; i++) {
            String user = "guess-" + i;
            AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.2")).createSession(credentials(user, "x")));
        }

        assertThat(AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.2"))
                .createSession(credentials("another", "x")))
                .getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(AuthGrpcTests.refused(() -> auth(channel, from("10.0.0.3"))
                .createSession(credentials("another", "x")))
                .getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    }

    @Test
    void theGatewayAnswersAThrottledLoginWith429() {
        for (int i = 0; i < 3; i++) {
            given().auth().preemptive().basic("throttled-over-http", "x").when().get("/v1/whoami").then()
                    .statusCode(401);
        }
        given().auth().preemptive().basic("throttled-over-http", "x").when().get("/v1/whoami").then()
                .statusCode(429).contentType("application/problem+json")
                .body("detail", startsWith("too many failed logins"));
    }

    @Test
    void theGatewayCountsTheRightmostUntrustedForwardedHopToo() {
        for (int i = 0; i < 3; i++) {
            given().auth().preemptive().basic("forwarded-over-http", "x")
                    .header("X-Forwarded-For", "203.0.113." + i + ", 10.9.9.9")
                    .when().get("/v1/whoami").then().statusCode(401);
        }
        given().auth().preemptive().basic("forwarded-over-http", "x").header("X-Forwarded-For", "10.9.9.9")
                .when().get("/v1/whoami").then().statusCode(429);
        given().auth().preemptive().basic("forwarded-over-http", "x").header("X-Forwarded-For", "10.9.9.10")
                .when().get("/v1/whoami").then().statusCode(401);
    }
}
