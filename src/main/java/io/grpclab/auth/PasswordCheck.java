package io.grpclab.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;

/**
 * A user name and password checked the way every login is: throttled per user and per client, one
 * answer whatever was wrong, the same time spent whether the user exists or not.
 */
@ApplicationScoped
public class PasswordCheck {

    /** The one answer to a failed login, whatever failed. */
    public static final String REFUSED = "invalid user name or password";

    private final UserStore users;
    private final LoginThrottle throttle;
    private final Clock clock = Clock.systemUTC();

    PasswordCheck(UserStore users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    /**
     * Blocking (bcrypt).
     *
     * @param client the caller's address, for throttling
     * @throws LoginThrottledException when the user or client has failed too often lately
     * @throws AuthenticationFailedException with {@link #REFUSED} otherwise
     */
    public UserStore.User check(String username, String password, String client) {
        String user = username == null ? "" : username;
        Instant now = clock.instant();
        Duration wait = throttle.waitBefore(user, client, now);
        if (!wait.isZero() && !wait.isNegative()) {
            throw new LoginThrottledException(wait);
        }
        return users.verify(user, password).map(found -> {
            throttle.succeeded(user);
            return found;
        }).orElseThrow(() -> {
            throttle.failed(user, client, now);
            return new AuthenticationFailedException(REFUSED);
        });
    }

    public boolean noUsers() {
        return users.isEmpty();
    }
}
