package io.grpclab.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.smallrye.common.net.Inet;

/**
 * Failed logins, counted in fixed windows from each key's first failure, three ways:
 * <ul>
 * <li>per user and client, a hard limit: past it, that client is refused for that user until the window ends;</li>
 * <li>per client, a hard limit whatever the user: one client guessing many users is refused;</li>
 * <li>per user from every client, a soft limit: past it, logins for the user are spaced out, each at least a delay
 * after the one before, the delay doubling with every failure up to {@code user-max-delay}. A login waits for its
 * turn (a timer, no thread) unless that is longer than {@code user-max-delay} or its own deadline; then it is refused
 * with the time to come back. A stranger's failures slow the account down, and bound the guessing rate against it,
 * but lock out no one but the stranger.</li>
 * </ul>
 * An attempt is reserved before its password is checked and counts as a failure until it succeeds (or is abandoned
 * before its check): forty simultaneous wrong passwords check at most the limit, the rest are refused without a
 * bcrypt round. A client is an address; an IPv6 client is its /64, which one subscriber usually holds whole. Entries
 * expire with their window and are bounded in number.
 */
@ApplicationScoped
public class LoginThrottle {

    /** The limits, from {@code lab.auth.throttle.*}. */
    public record Limits(int perUserAndClient, int perClient, int userDelayAfter, Duration userDelay,
            Duration userMaxDelay, Duration window) {

        static Limits of(AuthConfig.Throttle config) {
            return new Limits(config.maxFailuresPerUserAndClient(), config.maxFailuresPerClient(),
                    config.userDelayAfter(), config.userDelay(), config.userMaxDelay(), config.window());
        }
    }

    /** A reserved attempt: check the password after {@link #delay()}, and say how it went. */
    public final class Attempt {
        private final PairKey pairKey;
        private final Window pair;
        private final Window client;
        private final Window user;
        private final Duration delay;

        private Attempt(PairKey pairKey, Window pair, Window client, Window user, Duration delay) {
            this.pairKey = pairKey;
            this.pair = pair;
            this.client = client;
            this.user = user;
            this.delay = delay;
        }

        /** How long to wait before checking the password: zero but for a user past its soft limit. */
        public Duration delay() {
            return delay;
        }

        /** The password was right: the user's failures and this pair's are forgiven, the client's others stay. */
        public void succeeded() {
            client.count.decrementAndGet();
            pairs.invalidate(pairKey);
            users.invalidate(pairKey.user());
        }

        /** The caller left before the password was checked: the attempt counts for nothing. */
        public void abandoned() {
            client.count.decrementAndGet();
            pair.count.decrementAndGet();
            user.count.decrementAndGet();
        }
    }

    private record PairKey(String user, String client) {
    }

    /** One key's count since its first failure, and for a user, when its next login may start. */
    private static final class Window {
        final long startNanos;
        final AtomicInteger count = new AtomicInteger();
        long nextLoginNanos;

        Window(long startNanos) {
            this.startNanos = startNanos;
            this.nextLoginNanos = startNanos;
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
     * @param patience the longest the caller can wait for its turn (its deadline); {@code user-max-delay} at most
     * @throws LoginThrottledException when the client has failed too often, for this user or at all, or when the
     *         user's next turn is further away than the caller can wait
     */
    public Attempt reserve(String user, String client, Duration patience) {
        String clientKey = clientKey(client);
        Window forClient = reserve(clients, clientKey, limits.perClient());
        PairKey key = new PairKey(user, clientKey);
        Window forPair;
        try {
            forPair = reserve(pairs, key, limits.perUserAndClient());
        } catch (LoginThrottledException refused) {
            forClient.count.decrementAndGet();
            throw refused;
        }
        Window forUser = window(users, user);
        Duration spacing = userDelay(forUser.count.incrementAndGet());
        Duration wait = turn(forUser, spacing,
                patience.compareTo(limits.userMaxDelay()) < 0 ? patience : limits.userMaxDelay());
        Attempt attempt = new Attempt(key, forPair, forClient, forUser, wait == null ? Duration.ZERO : wait);
        if (wait == null) {
            attempt.abandoned();
            throw new LoginThrottledException(Duration.ofNanos(forUserWait(forUser)));
        }
        return attempt;
    }

    /** Counts one more in the key's window, or refuses when it is full. */
    private <K> Window reserve(Cache<K, Window> cache, K key, int limit) {
        Window window = window(cache, key);
        if (window.count.incrementAndGet() > limit) {
            window.count.decrementAndGet();
            throw new LoginThrottledException(remaining(window));
        }
        return window;
    }

    /**
     * The user's next turn, {@code spacing} after the one before: how long to wait for it, or null if over {@code max}.
     */
    private Duration turn(Window user, Duration spacing, Duration max) {
        synchronized (user) {
            long now = ticker.read();
            long start = Math.max(now, user.nextLoginNanos);
            if (start - now > max.toNanos()) {
                return null;
            }
            user.nextLoginNanos = start + spacing.toNanos();
            return Duration.ofNanos(start - now);
        }
    }

    private long forUserWait(Window user) {
        synchronized (user) {
            return Math.max(0, user.nextLoginNanos - ticker.read());
        }
    }

    private <K> Window window(Cache<K, Window> cache, K key) {
        return cache.get(key, k -> new Window(ticker.read()));
    }

    /** The spacing of a user's logins after this many failures: none up to the threshold, then doubling to the cap. */
    Duration userDelay(int failures) {
        int over = failures - limits.userDelayAfter();
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = limits.userDelay().multipliedBy(1L << Math.min(over - 1, 30));
        return delay.compareTo(limits.userMaxDelay()) > 0 ? limits.userMaxDelay() : delay;
    }

    /** An IPv6 address counts as its /64 (an IPv4-mapped one as its IPv4 address); anything else as itself. */
    static String clientKey(String client) {
        Inet6Address v6 = client == null ? null : Inet.parseInet6Address(client);
        if (v6 == null) {
            return client;
        }
        byte[] bytes = v6.getAddress();
        boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        for (int i = 0; i < 10 && mapped; i++) {
            mapped = bytes[i] == 0;
        }
        try {
            if (mapped) {
                return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)).getHostAddress();
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException impossible) {
            return client;
        }
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
        return Caffeine.newBuilder().expireAfterWrite(limits.window()).maximumSize(REMEMBERED_KEYS)
                .ticker(ticker).build();
    }
}
