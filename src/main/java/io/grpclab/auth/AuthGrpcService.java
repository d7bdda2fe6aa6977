package io.grpclab.auth;

import java.time.Instant;

import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpclab.auth.v1.Credentials;
import io.grpclab.auth.v1.LogoutReply;
import io.grpclab.auth.v1.LogoutRequest;
import io.grpclab.auth.v1.MutinyAuthServiceGrpc;
import io.grpclab.auth.v1.Session;
import io.grpclab.auth.v1.Token;
import io.grpclab.grpc.MalformedRequests;
import io.quarkus.grpc.GrpcService;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Logging in (a session or a token) and out. Password checks run on a worker thread: bcrypt is slow on purpose. */
@GrpcService
public class AuthGrpcService extends MutinyAuthServiceGrpc.AuthServiceImplBase {

    /** A request that is not this service's message is INVALID_ARGUMENT, quietly ({@link MalformedRequests}). */
    @Override
    public ServerServiceDefinition bindService() {
        return MalformedRequests.guard(super.bindService());
    }

    private final PasswordCheck passwords;
    private final SessionStore sessions;
    private final TokenService tokens;
    private final CurrentIdentityAssociation identities;

    AuthGrpcService(PasswordCheck passwords, SessionStore sessions, TokenService tokens,
            CurrentIdentityAssociation identities) {
        this.passwords = passwords;
        this.sessions = sessions;
        this.tokens = tokens;
        this.identities = identities;
    }

    @Override
    public Uni<Session> createSession(Credentials credentials) {
        return login(credentials).flatMap(user -> sessions.create(user.name(), user.roles()))
                .map(session -> Session.newBuilder().setSessionId(session.id())
                        .setIdleExpiresAtMs(session.idleExpiresAtMs())
                        .setAbsoluteExpiresAtMs(session.absoluteExpiresAtMs()).build())
                .onFailure(StoreUnavailableException.class).transform(AuthStatus::asRuntimeException);
    }

    @Override
    public Uni<Token> issueToken(Credentials credentials) {
        if (!tokens.enabled()) {
            return Uni.createFrom().failure(Status.FAILED_PRECONDITION
                    .withDescription("tokens are not enabled on this server (no signing key configured)")
                    .asRuntimeException());
        }
        return login(credentials).map(user -> Token.newBuilder()
                .setToken(tokens.issue(user.name(), user.roles(), tokens.lifetime())).setTokenType("Bearer")
                .setExpiresAtMs(Instant.now().plus(tokens.lifetime()).toEpochMilli()).build());
    }

    @Override
    @Authenticated
    public Uni<LogoutReply> logout(LogoutRequest request) {
        return identities.getDeferredIdentity().flatMap(this::logout);
    }

    private Uni<LogoutReply> logout(SecurityIdentity identity) {
        String mechanism = identity.getAttribute(Mechanisms.ATTRIBUTE);
        if (Mechanisms.SESSION.equals(mechanism)) {
            return sessions.revoke(identity.getAttribute(Mechanisms.SESSION_ID))
                    .replaceWith(LogoutReply.newBuilder().setRevoked(Mechanisms.SESSION).build())
                    .onFailure(StoreUnavailableException.class).transform(AuthStatus::asRuntimeException);
        }
        if (Mechanisms.TOKEN.equals(mechanism)) {
            return tokens.revoke(identity.getAttribute(Mechanisms.TOKEN_ID),
                    identity.<Instant> getAttribute(Mechanisms.TOKEN_EXPIRES))
                    .replaceWith(LogoutReply.newBuilder().setRevoked(Mechanisms.TOKEN).build())
                    .onFailure(StoreUnavailableException.class).transform(AuthStatus::asRuntimeException);
        }
        return Uni.createFrom().failure(Status.FAILED_PRECONDITION
                .withDescription("nothing to log out: " + mechanism + " authentication keeps no state")
                .asRuntimeException());
    }

    private Uni<UserStore.User> login(Credentials credentials) {
        return passwords.check(credentials.getUsername(), credentials.getPassword(), CallPeer.address())
                .onFailure(SecurityException.class).transform(AuthStatus::asRuntimeException);
    }
}
