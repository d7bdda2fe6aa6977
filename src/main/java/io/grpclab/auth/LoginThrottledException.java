package io.grpclab.auth;

import java.time.Duration;

import io.quarkus.security.AuthenticationException;

/** Too many failed logins for this user or from this client; answered RESOURCE_EXHAUSTED (429 at the gateway). */
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
