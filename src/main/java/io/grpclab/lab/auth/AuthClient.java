package io.grpclab.lab.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import jakarta.inject.Singleton;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpclab.auth.v1.AdminReportReply;
import io.grpclab.auth.v1.AdminReportRequest;
import io.grpclab.auth.v1.AuthServiceGrpc;
import io.grpclab.auth.v1.Credentials;
import io.grpclab.auth.v1.Identity;
import io.grpclab.auth.v1.IdentityServiceGrpc;
import io.grpclab.auth.v1.LogoutReply;
import io.grpclab.auth.v1.LogoutRequest;
import io.grpclab.auth.v1.Session;
import io.grpclab.auth.v1.Token;
import io.grpclab.auth.v1.WhoAmIRequest;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.CredentialMetadata;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.UnaryCalls;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;

/** The gateway's client of AuthService and IdentityService; credentials go in the metadata given. */
@Singleton
class AuthClient {

    private static final long DEADLINE_MS = 5000;

    private final Channel channel;

    AuthClient(@GrpcClient(GatewayChannel.NAME) Channel channel) {
        this.channel = channel;
    }

    public static void basic(Metadata metadata, String user, String password) {
        metadata.put(CredentialMetadata.AUTHORIZATION, "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static void bearer(Metadata metadata, String token) {
        metadata.put(CredentialMetadata.AUTHORIZATION, "Bearer " + token);
    }

    public static void session(Metadata metadata, String sessionId) {
        metadata.put(CredentialMetadata.SESSION_ID, sessionId);
    }

    public Uni<CallResult<Session>> createSession(String user, String password, Metadata metadata) {
        return UnaryCalls.call(channel, AuthServiceGrpc.getCreateSessionMethod(), options(), metadata,
                credentials(user, password));
    }

    public Uni<CallResult<Token>> issueToken(String user, String password, Metadata metadata) {
        return UnaryCalls.call(channel, AuthServiceGrpc.getIssueTokenMethod(), options(), metadata,
                credentials(user, password));
    }

    public Uni<CallResult<LogoutReply>> logout(Metadata metadata) {
        return UnaryCalls.call(channel, AuthServiceGrpc.getLogoutMethod(), options(), metadata,
                LogoutRequest.getDefaultInstance());
    }

    public Uni<CallResult<Identity>> whoAmI(Metadata metadata) {
        return UnaryCalls.call(channel, IdentityServiceGrpc.getWhoAmIMethod(), options(), metadata,
                WhoAmIRequest.getDefaultInstance());
    }

    /** Answered in the same step (see {@link UnaryCalls}). */
    public <T> Uni<T> whoAmI(Metadata metadata, Deadline deadline, Function<CallResult<Identity>, T> answer) {
        return UnaryCalls.call(channel, IdentityServiceGrpc.getWhoAmIMethod(),
                CallOptions.DEFAULT.withDeadline(deadline), metadata, WhoAmIRequest.getDefaultInstance(), answer);
    }

    public Uni<CallResult<AdminReportReply>> adminReport(Metadata metadata) {
        return UnaryCalls.call(channel, IdentityServiceGrpc.getAdminReportMethod(), options(), metadata,
                AdminReportRequest.getDefaultInstance());
    }

    private static Credentials credentials(String user, String password) {
        return Credentials.newBuilder().setUsername(user).setPassword(password).build();
    }

    private static CallOptions options() {
        return CallOptions.DEFAULT.withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS);
    }
}
