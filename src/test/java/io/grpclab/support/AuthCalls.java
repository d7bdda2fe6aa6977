package io.grpclab.support;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpclab.auth.v1.AuthServiceGrpc;
import io.grpclab.auth.v1.Credentials;
import io.grpclab.auth.v1.IdentityServiceGrpc;

/** Stubs of the auth services with credentials attached, for tests. */
public final class AuthCalls {

    public static final String USER = "demo";
    public static final String PASSWORD = "demo-password";

    private AuthCalls() {
    }

    public static Metadata basic(String user, String password) {
        return header("authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    public static Metadata bearer(String token) {
        return header("authorization", "Bearer " + token);
    }

    public static Metadata session(String id) {
        return header("x-session-id", id);
    }

    public static Credentials credentials(String user, String password) {
        return Credentials.newBuilder().setUsername(user).setPassword(password).build();
    }

    public static IdentityServiceGrpc.IdentityServiceBlockingStub identity(Channel channel, Metadata credentials) {
        return IdentityServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
    }

    public static AuthServiceGrpc.AuthServiceBlockingStub auth(Channel channel, Metadata credentials) {
        return AuthServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials));
    }

    private static Metadata header(String key, String value) {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
        return metadata;
    }
}
