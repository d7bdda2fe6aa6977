package io.grpclab.auth;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

/**
 * Failed logins, counted in fixed windows from each key's first failure, three ways:
 * <ul>
 * <li>per user and client, a hard limit: past it, that client is refused for that user until the window ends;</li>
 * <li>per client, a hard limit whatever the user: one client guessing many users is refused;</li>
 * <li>per user from every client, a soft limit: past it each login for the user waits, twice as long with each
 * failure up to a cap. A stranger's failures slow the account down for everyone but lock it for no one but
 * the stranger.</li>
 * </ul>
 * An attempt is reserved before its password is checked, and counts as a failure until it succeeds: forty
 * simultaneous wrong passwords check at most the limit, the rest are refused without a bcrypt round. Entries
 * expire with their window and are bounded in number, least recently used first.
 */
@ApplicationScoped
public class LoginThrottle {

    /** The limits, from {@code lab.auth.throttle.*}. */
    public record Limits(int perUserAndClient, int perClient, int userDelayAfter, Duration userDelay, Duration userMaxDelay,
            Duration window) {

        static Limits of(AuthConfig.Throttle config) {
            return new Limits(config.maxFailuresPerUserAndClient(), config.maxFailuresPerClient(), config.userDelayAfter(),
                    config.userDelay(), config.userMaxDelay(), config.window());
        }
    }

    /** A reserved attempt: check the password after {@link #delay()}, and say so when it was right. */
    public static final class Attempt {
        private final Window pair;
        private final Window client;
        private final Window user;
        private final Duration delay;
        private final LoginThrottle throttle;
        private final PairKey pairKey;

        private Attempt(LoginThrottle throttle, PairKey pairKey, Window pair, Window client, Window user, Duration delay) {
            this.throttle = throttle;
            this.pairKey = pairKey;
            this.pair = pair;
            this.client = client;
            this.user = user;
            this.delay = delay;
        }

        /** How long to wait before checking the password (zero but for a user under a stream of failures). */
        public Duration delay() {
            return delay;
        }

        /** The password was right: the user's failures and this pair's are forgiven, the client's others stay. */
        public void succeeded() {
            client.count.decrementAndGet();
            pair.count.decrementAndGet();
            user.count.decrementAndGet();
            throttle.pairs.invalidate(pairKey);
            throttle.users.invalidate(pairKey.user());
        }
    }

    private record PairKey(String user, String client) {
    }

    /** One key's count since its first failure. */
    private static final class Window {
        final long startNanos;
        final AtomicInteger count = new AtomicInteger();

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    private static final int REMEMBERED_KEYS = 100_000;

    private final Limits limits;
    private final Ticker ticker;
    private final Cache<PairKey, Window> pairs;
    private final Cache<String, Window> clients;
    private final Cache<String, Window> users;

    @Inject
    LoginThrottle(AuthConfig config) {
        this(Limits.of(config.throttle()), Ticker.systemTicker());
    }

    LoginThrottle(Limits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
        this.pairs = newCache();
        this.clients = newCache();
        this.users = newCache();
    }

    /**
     * Reserves an attempt for this user from this client.
     *
     * @throws LoginThrottledException when the client has failed too often, for this user or at all
     */
    public Attempt reserve(String user, String client) {
        Window forClient = reserve(clients, client, limits.perClient(), null);
        PairKey key = new PairKey(user, client);
        Window forPair = reserve(pairs, key, limits.perUserAndClient(), forClient);
        Window forUser = window(users, user);
        int failures = forUser.count.incrementAndGet();
        return new Attempt(this, key, forPair, forClient, forUser, userDelay(failures));
    }

    /** Counts one more in the key's window, or refuses (releasing {@code alsoRelease}) when it is full. */
    private <K> Window reserve(Cache<K, Window> cache, K key, int limit, Window alsoRelease) {
        Window window = window(cache, key);
        if (window.count.incrementAndGet() > limit) {
            window.count.decrementAndGet();
            if (alsoRelease != null) {
                alsoRelease.count.decrementAndGet();
            }
            throw new LoginThrottledException(remaining(window));
        }
        return window;
    }

    private <K> Window window(Cache<K, Window> cache, K key) {
        return cache.get(key, k -> new Window(ticker.read()));
    }

    /** Nothing up to the threshold, then the base delay, doubled with every further failure, up to the cap. */
    Duration userDelay(int failures) {
        int over = failures - limits.userDelayAfter();
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = limits.userDelay().multipliedBy(1L << Math.min(over - 1, 30));
        return delay.compareTo(limits.userMaxDelay()) > 0 ? limits.userMaxDelay() : delay;
    }

    private Duration remaining(Window window) {
        Duration left = limits.window().minusNanos(ticker.read() - window.startNanos);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** The keys counted now, for tests of expiry. */
    long trackedKeys() {
        pairs.cleanUp();
        clients.cleanUp();
        users.cleanUp();
        return pairs.estimatedSize() + clients.estimatedSize() + users.estimatedSize();
    }

    private <K> Cache<K, Window> newCache() {
        return Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(REMEMBERED_KEYS).ticker(ticker).build();
    }
}
