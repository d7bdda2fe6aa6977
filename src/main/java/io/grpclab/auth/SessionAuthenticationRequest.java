package io.grpclab.auth;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A session id presented in {@code x-session-id}. */
class SessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final String sessionId;

    public SessionAuthenticationRequest(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
