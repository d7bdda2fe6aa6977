package io.grpclab.auth;

import io.quarkus.security.AuthenticationException;

/** A user name or password no real one could be (too long); answered INVALID_ARGUMENT before any lookup. */
class MalformedCredentialsException extends SecurityException implements AuthenticationException {

    public MalformedCredentialsException(String reason) {
        super(reason);
    }
}
