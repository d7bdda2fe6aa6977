package io.grpclab.auth;

import java.time.Duration;

import io.quarkus.security.AuthenticationException;

/**
 * Too many failed logins from this client (for this user, or for any), or the user's next turn is too far away;
 * answered RESOURCE_EXHAUSTED (429 at the gateway) with the time to come back.
 */
public class LoginThrottledException extends SecurityException implements AuthenticationException {

    private final Duration retryAfter;

    public LoginThrottledException(Duration retryAfter) {
        super("too many failed logins: try again in " + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s");
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
