package io.grpclab.auth;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A user name and password checked the way every login is: bounded in size, throttled before the check, one
 * answer whatever was wrong, the same time spent whether the user exists or not. The bcrypt round runs on a worker
 * thread; a throttle delay is a timer, not a sleeping thread.
 */
@ApplicationScoped
public class PasswordCheck {

    /** The one answer to a failed login, whatever failed. */
    public static final String REFUSED = "invalid user name or password";
    static final int MAX_USERNAME_BYTES = 256;
    static final int MAX_PASSWORD_BYTES = 1024;

    private final UserStore users;
    private final LoginThrottle throttle;

    PasswordCheck(UserStore users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
    }

    /**
     * @param client the caller's address, for throttling
     * @return the user; or a failure: {@link MalformedCredentialsException} for an oversized name or password,
     *         {@link LoginThrottledException} when the client failed too often, else {@link AuthenticationFailedException}
     *         with {@link #REFUSED}
     */
    public Uni<UserStore.User> check(String username, String password, String client) {
        String user = username == null ? "" : username;
        String secret = password == null ? "" : password;
        LoginThrottle.Attempt attempt;
        try {
            if (user.getBytes(StandardCharsets.UTF_8).length > MAX_USERNAME_BYTES) {
                throw new MalformedCredentialsException("the user name is longer than " + MAX_USERNAME_BYTES + " bytes");
            }
            if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
                throw new MalformedCredentialsException("the password is longer than " + MAX_PASSWORD_BYTES + " bytes");
            }
            attempt = throttle.reserve(user, client);
        } catch (SecurityException refused) {
            return Uni.createFrom().failure(refused);
        }
        Uni<Void> wait = attempt.delay().isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(attempt.delay());
        return wait.chain(() -> Uni.createFrom().item(() -> users.verify(user, secret))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .map(found -> found.map(verified -> {
                    attempt.succeeded();
                    return verified;
                }).orElseThrow(() -> new AuthenticationFailedException(REFUSED)));
    }

    public boolean noUsers() {
        return users.isEmpty();
    }
}
