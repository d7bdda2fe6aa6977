package io.grpclab.auth;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import jakarta.inject.Singleton;

import io.grpc.Metadata;
import io.grpclab.grpc.CredentialMetadata;
import io.quarkus.grpc.auth.GrpcSecurityMechanism;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.PasswordCredential;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;

/**
 * The gRPC security mechanisms: how credentials are read from a call. Explicit credentials (Basic, Bearer,
 * session) come before the transport's (a client certificate). Each request carries the caller's address,
 * for login throttling.
 */
final class CredentialMechanisms {

    static final String CLIENT_ADDRESS = "lab.client-address";

    private CredentialMechanisms() {
    }

    /** {@code authorization: Basic base64(user:password)}. */
    @Singleton
    public static class Basic implements GrpcSecurityMechanism {
        @Override
        public boolean handles(Metadata metadata) {
            String value = metadata.get(CredentialMetadata.AUTHORIZATION);
            return value != null && value.regionMatches(true, 0, "Basic ", 0, 6);
        }

        @Override
        public AuthenticationRequest createAuthenticationRequest(Metadata metadata) {
            String encoded = metadata.get(CredentialMetadata.AUTHORIZATION).substring(6).trim();
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new AuthenticationFailedException("the Basic credentials are not base64");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw new AuthenticationFailedException("the Basic credentials are not user:password");
            }
            return withClient(new UsernamePasswordAuthenticationRequest(decoded.substring(0, colon),
                    new PasswordCredential(decoded.substring(colon + 1).toCharArray())));
        }
    }

    /** {@code authorization: Bearer <jwt>}. */
    @Singleton
    public static class Bearer implements GrpcSecurityMechanism {
        @Override
        public boolean handles(Metadata metadata) {
            String value = metadata.get(CredentialMetadata.AUTHORIZATION);
            return value != null && value.regionMatches(true, 0, "Bearer ", 0, 7);
        }

        @Override
        public AuthenticationRequest createAuthenticationRequest(Metadata metadata) {
            String token = metadata.get(CredentialMetadata.AUTHORIZATION).substring(7).trim();
            return withClient(new TokenAuthenticationRequest(new TokenCredential(token, "bearer")));
        }
    }

    /** {@code x-session-id: <id>}. */
    @Singleton
    public static class Session implements GrpcSecurityMechanism {
        @Override
        public boolean handles(Metadata metadata) {
            return metadata.containsKey(CredentialMetadata.SESSION_ID);
        }

        @Override
        public AuthenticationRequest createAuthenticationRequest(Metadata metadata) {
            return withClient(new SessionAuthenticationRequest(metadata.get(CredentialMetadata.SESSION_ID)));
        }
    }

    /** A verified client certificate (mutual TLS), when the call sends no other credentials. */
    @Singleton
    public static class ClientCertificate implements GrpcSecurityMechanism {
        @Override
        public boolean handles(Metadata metadata) {
            return CallPeer.certificate() != null;
        }

        @Override
        public AuthenticationRequest createAuthenticationRequest(Metadata metadata) {
            return withClient(new ClientCertificateRequest(CallPeer.certificate()));
        }

        @Override
        public int getPriority() {
            return DEFAULT_PRIORITY + 100; // tried after the explicit credentials
        }
    }

    private static AuthenticationRequest withClient(AuthenticationRequest request) {
        request.setAttribute(CLIENT_ADDRESS, CallPeer.address());
        return request;
    }
}
