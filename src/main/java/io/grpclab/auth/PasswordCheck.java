package io.grpclab.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.grpc.Context;
import io.grpc.Deadline;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A user name and password checked the way every login is: bounded in size, throttled before the check, one
 * answer whatever was wrong, the same time spent whether the user exists or not. The bcrypt round runs on a worker
 * thread; a throttle delay is a timer, not a sleeping thread. A pair that passed is remembered for a minute (under
 * a keyed hash, never in clear): users are configuration, fixed for the life of the process, and Basic sends the
 * password with every call, which must not cost a bcrypt round each time.
 */
@ApplicationScoped
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSW",
        "com.github.benmanes.caffeine.cache.PSWMS" }) // Caffeine loads them by name (NativeImageReflectionTests)
public class PasswordCheck {

    private static final Logger LOG = Logger.getLogger(PasswordCheck.class);

    /** The one answer to a failed login, whatever failed. */
    public static final String REFUSED = "invalid user name or password";
    static final int MAX_USERNAME_BYTES = 256;
    static final int MAX_PASSWORD_BYTES = 1024;
    private static final Duration REMEMBER_VERIFIED = Duration.ofMinutes(1);

    private static final int PENDING = 0;
    private static final int CHECKING = 1;
    private static final int ABANDONED = 2;

    private final UserStore users;
    private final LoginThrottle throttle;
    private final Cache<String, UserStore.User> verified = Caffeine.newBuilder().expireAfterWrite(REMEMBER_VERIFIED)
            .maximumSize(10_000).build();
    private final SecretKeySpec verifiedKey;

    PasswordCheck(UserStore users, LoginThrottle throttle) {
        this.users = users;
        this.throttle = throttle;
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        this.verifiedKey = new SecretKeySpec(key, "HmacSHA256");
    }

    /**
     * @param client the caller's address, for throttling
     * @return the user; or a failure: {@link MalformedCredentialsException} for an oversized name or password,
     *         {@link LoginThrottledException} when the client failed too often or the user's turn is too far,
     *         else {@link AuthenticationFailedException} with {@link #REFUSED}
     */
    public Uni<UserStore.User> check(String username, String password, String client) {
        String user = username == null ? "" : username;
        String secret = password == null ? "" : password;
        Duration patience = patience(); // read here: the gRPC context does not follow to other threads
        // Deferred: each subscription is one attempt, reserved, waited for and checked on its own.
        return Uni.createFrom().deferred(() -> attempt(user, secret, client, patience));
    }

    private Uni<UserStore.User> attempt(String user, String secret, String client, Duration patience) {
        if (user.getBytes(StandardCharsets.UTF_8).length > MAX_USERNAME_BYTES) {
            return Uni.createFrom().failure(new MalformedCredentialsException("the user name is longer than "
                    + MAX_USERNAME_BYTES + " bytes"));
        }
        if (secret.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            return Uni.createFrom().failure(new MalformedCredentialsException("the password is longer than "
                    + MAX_PASSWORD_BYTES + " bytes"));
        }
        // Credentials verified a moment ago pass without a reservation, but only once admitted: a client over its
        // limits is refused whether or not its password is in the cache, and learns nothing from it.
        UserStore.User known = verified.getIfPresent(keyed(user, secret));
        if (known != null) {
            return throttle.admitVerified(user, client).flatMap(admitted -> admitted ? Uni.createFrom().item(known)
                    : throttle.reserve(user, client, patience).flatMap(attempt -> admitted(user, secret, attempt)));
        }
        return throttle.reserve(user, client, patience).flatMap(attempt -> admitted(user, secret, attempt));
    }

    private Uni<UserStore.User> admitted(String user, String secret, LoginThrottle.Attempt attempt) {
        // Looked up only once the attempt is admitted: a refused client must not learn a password from the cache.
        String pair = keyed(user, secret);
        UserStore.User known = verified.getIfPresent(pair);
        if (known != null && attempt.delay().isZero()) {
            record(attempt.succeeded());
            return Uni.createFrom().item(known);
        }
        AtomicInteger state = new AtomicInteger(PENDING);
        Uni<Void> turn = attempt.delay().isZero() ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(attempt.delay());
        return turn.chain(() -> Uni.createFrom().item(() -> verify(user, secret, pair, attempt, state))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .onCancellation().invoke(() -> {
                    if (state.compareAndSet(PENDING, ABANDONED)) {
                        record(attempt.abandoned());
                    }
                })
                .map(found -> found.orElseThrow(() -> new AuthenticationFailedException(REFUSED)));
    }

    /** The bcrypt round; its outcome is recorded here, so that a caller who leaves meanwhile changes nothing. */
    private Optional<UserStore.User> verify(String user, String secret, String pair, LoginThrottle.Attempt attempt,
            AtomicInteger state) {
        if (!state.compareAndSet(PENDING, CHECKING)) {
            return Optional.empty();
        }
        UserStore.User known = verified.getIfPresent(pair);
        Optional<UserStore.User> found = known != null ? Optional.of(known) : users.verify(user, secret);
        found.ifPresent(verifiedUser -> {
            record(attempt.succeeded());
            verified.put(pair, verifiedUser);
        });
        return found;
    }

    /**
     * Records a login's outcome without waiting: the answer does not depend on it, and a store that missed it leaves
     * the counts stricter, never looser.
     */
    private static void record(Uni<Void> outcome) {
        outcome.subscribe().with(done -> {
        }, failure -> LOG.debugf("a login's outcome was not recorded: %s", failure.getMessage()));
    }

    /** How long this call can wait for its turn: until its gRPC deadline, if it has one. */
    private static Duration patience() {
        Deadline deadline = Context.current().getDeadline();
        return deadline == null ? Duration.ofDays(1)
                : Duration.ofNanos(Math.max(0, deadline.timeRemaining(TimeUnit.NANOSECONDS)));
    }

    private String keyed(String user, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(verifiedKey);
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Base64.getEncoder().encodeToString(mac.doFinal(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    public boolean noUsers() {
        return users.isEmpty();
    }
}
