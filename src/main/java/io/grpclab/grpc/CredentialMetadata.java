package io.grpclab.grpc;

import java.util.Set;

import io.grpc.Metadata;
import io.grpclab.auth.v1.AuthServiceGrpc;

/**
 * Where a call carries credentials, for the server that checks them and the gateway that forwards them: the
 * {@code authorization} (Basic or Bearer) and {@code x-session-id} metadata, and the request messages that hold a
 * password (lab.auth.v1's logins). All of them need TLS on every hop.
 */
public final class CredentialMetadata {

    public static final Metadata.Key<String> AUTHORIZATION = MetadataValues.asciiKey("authorization");
    public static final Metadata.Key<String> SESSION_ID = MetadataValues.asciiKey("x-session-id");

    private static final Set<String> PASSWORD_IN_BODY = Set.of(
            AuthServiceGrpc.getCreateSessionMethod().getFullMethodName(),
            AuthServiceGrpc.getIssueTokenMethod().getFullMethodName());

    private CredentialMetadata() {
    }

    /** Whether the method's request message carries a password. */
    public static boolean passwordInBody(String fullMethodName) {
        return PASSWORD_IN_BODY.contains(fullMethodName);
    }
}
