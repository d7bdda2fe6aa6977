package io.grpclab.auth;

import static io.grpclab.support.AuthCalls.PASSWORD;
import static io.grpclab.support.AuthCalls.USER;
import static io.grpclab.support.AuthCalls.auth;
import static io.grpclab.support.AuthCalls.basic;
import static io.grpclab.support.AuthCalls.bearer;
import static io.grpclab.support.AuthCalls.credentials;
import static io.grpclab.support.AuthCalls.identity;
import static io.grpclab.support.AuthCalls.session;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpclab.auth.v1.AdminReportRequest;
import io.grpclab.auth.v1.Identity;
import io.grpclab.auth.v1.LogoutRequest;
import io.grpclab.auth.v1.WhoAmIRequest;
import io.grpclab.support.TlsChannelTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;

@QuarkusTest
class AuthGrpcTests extends TlsChannelTestBase {

    @Inject
    TokenService tokens;

    @Test
    void aProtectedMethodWithoutCredentialsIsUnauthenticatedNotPermissionDenied() {
        assertStatus(() -> identity(channel, new Metadata()).whoAmI(WhoAmIRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, AuthStatus.CREDENTIALS_REQUIRED);
    }

    @Test
    void aWrongRoleIsPermissionDenied() {
        assertStatus(
                () -> identity(channel, basic(USER, PASSWORD)).adminReport(AdminReportRequest.getDefaultInstance()),
                Status.Code.PERMISSION_DENIED, "the caller lacks the role this method requires");
    }

    @Test
    void basicCredentialsAuthenticateEveryCall() {
        Identity me = identity(channel, basic(USER, PASSWORD)).whoAmI(WhoAmIRequest.getDefaultInstance());

        assertThat(me.getName()).isEqualTo(USER);
        assertThat(me.getRolesList()).containsExactly("user");
        assertThat(me.getMechanism()).isEqualTo("basic");
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        StatusRuntimeException wrongPassword = refused(() -> auth(channel, new Metadata())
                .createSession(credentials(USER, "wrong")));
        StatusRuntimeException unknownUser = refused(() -> auth(channel, new Metadata())
                .createSession(credentials("nobody", PASSWORD)));

        assertThat(wrongPassword.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(unknownUser.getStatus().getCode()).isEqualTo(wrongPassword.getStatus().getCode());
        assertThat(unknownUser.getStatus().getDescription()).isEqualTo(wrongPassword.getStatus().getDescription())
                .isEqualTo(PasswordCheck.REFUSED);
    }

    @Test
    void aSessionIdIsLongAndRandomAndAuthenticatesUntilLogout() {
        String id = auth(channel, new Metadata()).createSession(credentials(USER, PASSWORD)).getSessionId();
        assertThat(Base64.getUrlDecoder().decode(id)).hasSizeGreaterThanOrEqualTo(16);

        assertThat(identity(channel, session(id)).whoAmI(WhoAmIRequest.getDefaultInstance()).getMechanism())
                .isEqualTo("session");
        assertThat(auth(channel, session(id)).logout(LogoutRequest.getDefaultInstance()).getRevoked())
                .isEqualTo("session");
        assertStatus(() -> identity(channel, session(id)).whoAmI(WhoAmIRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "the session is unknown, expired or ended");
    }

    @Test
    void aNewLoginGivesANewIdAndEndsTheOldSession() {
        String first = auth(channel, new Metadata()).createSession(credentials(USER, PASSWORD)).getSessionId();
        String second = auth(channel, new Metadata()).createSession(credentials(USER, PASSWORD)).getSessionId();

        assertThat(second).isNotEqualTo(first);
        assertStatus(() -> identity(channel, session(first)).whoAmI(WhoAmIRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "the session is unknown, expired or ended");
        assertThat(identity(channel, session(second)).whoAmI(WhoAmIRequest.getDefaultInstance()).getName())
                .isEqualTo(USER);
    }

    @Test
    void aTokenAuthenticatesUntilItIsRevoked() {
        String token = auth(channel, new Metadata()).issueToken(credentials(USER, PASSWORD)).getToken();

        Identity me = identity(channel, bearer(token)).whoAmI(WhoAmIRequest.getDefaultInstance());
        assertThat(me.getMechanism()).isEqualTo("token");
        assertThat(me.getRolesList()).containsExactly("user");

        assertThat(auth(channel, bearer(token)).logout(LogoutRequest.getDefaultInstance()).getRevoked())
                .isEqualTo("token");
        assertStatus(() -> identity(channel, bearer(token)).whoAmI(WhoAmIRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "the token was revoked");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String expired = tokens.issue(USER, List.of("user"), Duration.ofMinutes(-2));

        assertStatus(() -> identity(channel, bearer(expired)).whoAmI(WhoAmIRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "the token has expired");
    }

    @Test
    void aRevokedTokenStaysRefusedWhileTheClockSkewWouldStillAcceptIt() throws Exception {
        // exp 5 s ago: the parser still accepts it (30 s of clock skew), so only the revocation refuses it
        String token = tokens.issue(USER, List.of("user"), Duration.ofSeconds(-5));
        TokenService.Verified verified = tokens.verify(token).await().atMost(Duration.ofSeconds(5));

        tokens.revoke(verified.id(), verified.expiresAt()).await().atMost(Duration.ofSeconds(5));

        assertThatThrownBy(() -> tokens.verify(token).await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("revoked");
    }

    @Test
    void anUnsignedTokenIsRefused() {
        String token = tokens.issue(USER, List.of("admin"), Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

        assertInvalidToken(none + "." + parts[1] + ".");
    }

    @Test
    void aTamperedPayloadIsRefused() {
        String token = tokens.issue(USER, List.of("user"), Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"user\"", "\"admin\"");

        assertInvalidToken(parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2]);
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        String forged = Jwt.issuer("https://grpclab.local").audience("grpc-resilience-lab").subject(USER).upn(USER)
                .groups("admin").expiresIn(300).jws().algorithm(SignatureAlgorithm.ES256)
                .sign(generator.generateKeyPair().getPrivate());

        assertInvalidToken(forged);
    }

    private void assertInvalidToken(String token) {
        assertStatus(() -> identity(channel, bearer(token)).whoAmI(WhoAmIRequest.getDefaultInstance()),
                Status.Code.UNAUTHENTICATED, "the token is not valid: its signature, algorithm (ES256 only), issuer or "
                        + "audience is wrong, or it is malformed");
    }

    static StatusRuntimeException refused(Runnable call) {
        try {
            call.run();
        } catch (StatusRuntimeException e) {
            return e;
        }
        throw new AssertionError("the call was not refused");
    }

    static void assertStatus(Runnable call, Status.Code code, String description) {
        StatusRuntimeException e = refused(call);
        assertThat(e.getStatus().getCode()).isEqualTo(code);
        assertThat(e.getStatus().getDescription()).isEqualTo(description);
        assertThat(e.getTrailers() == null ? List.of() : e.getTrailers().keys()).doesNotContain("authorization",
                "x-session-id");
    }

    static void assertThrows(Runnable call, Status.Code code) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(StatusRuntimeException.class,
                e -> assertThat(e.getStatus().getCode()).isEqualTo(code));
    }
}
