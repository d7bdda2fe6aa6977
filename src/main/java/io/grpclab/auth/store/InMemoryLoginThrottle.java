package io.grpclab.auth.store;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import io.grpclab.auth.AuthConfig;
import io.grpclab.auth.LoginThrottle;
import io.grpclab.auth.LoginThrottledException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The login throttle's counts in this process's memory ({@link LoginThrottle} says what is counted): windows in
 * Caffeine caches that expire with them, bounded in number, and a user's next turn kept under its window's lock.
 */
@ApplicationScoped
@Typed(InMemoryLoginThrottle.class) // the LoginThrottle is the one lab.auth.store picks (StateStores)
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSW",
        "com.github.benmanes.caffeine.cache.PSWMS" }) // Caffeine loads them by name (NativeImageReflectionTests)
class InMemoryLoginThrottle implements LoginThrottle {

    /** A reserved attempt in memory. */
    final class MemoryAttempt implements Attempt {
        private final PairKey pairKey;
        private final Window pair;
        private final Window client;
        private final Window user;
        private final Duration delay;

        private MemoryAttempt(PairKey pairKey, Window pair, Window client, Window user, Duration delay) {
            this.pairKey = pairKey;
            this.pair = pair;
            this.client = client;
            this.user = user;
            this.delay = delay;
        }

        @Override
        public Duration delay() {
            return delay;
        }

        @Override
        public Uni<Void> succeeded() {
            client.count.decrementAndGet();
            user.count.decrementAndGet();
            pairs.invalidate(pairKey);
            return Uni.createFrom().voidItem();
        }

        @Override
        public Uni<Void> abandoned() {
            client.count.decrementAndGet();
            pair.count.decrementAndGet();
            user.count.decrementAndGet();
            return Uni.createFrom().voidItem();
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
    InMemoryLoginThrottle(AuthConfig config) {
        this(Limits.of(config.throttle()), Ticker.systemTicker());
    }

    InMemoryLoginThrottle(Limits limits, Ticker ticker) {
        this.limits = limits;
        this.ticker = ticker;
        this.pairs = newCache();
        this.clients = newCache();
        this.users = newCache();
    }

    @Override
    public Uni<Attempt> reserve(String user, String client, Duration patience) {
        return Uni.createFrom().item(() -> reserveNow(user, client, patience));
    }

    private Attempt reserveNow(String user, String client, Duration patience) {
        String clientKey = LoginThrottle.clientKey(client);
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
        Duration spacing = LoginThrottle.userDelay(limits, forUser.count.incrementAndGet());
        boolean firstFromClient = forPair.count.get() == 1; // no failure of this pair's in the window, none pending
        Duration wait = firstFromClient ? Duration.ZERO
                : turn(forUser, spacing,
                        patience.compareTo(limits.userMaxDelay()) < 0 ? patience : limits.userMaxDelay());
        MemoryAttempt attempt = new MemoryAttempt(key, forPair, forClient, forUser,
                wait == null ? Duration.ZERO : wait);
        if (wait == null) {
            attempt.abandoned();
            throw new LoginThrottledException(Duration.ofNanos(forUserWait(forUser)));
        }
        return attempt;
    }

    @Override
    public Uni<Boolean> admitVerified(String user, String client) {
        return Uni.createFrom().item(() -> {
            String clientKey = LoginThrottle.clientKey(client);
            PairKey key = new PairKey(user, clientKey);
            refuseIfFull(clients.getIfPresent(clientKey), limits.perClient());
            Window forPair = pairs.getIfPresent(key);
            refuseIfFull(forPair, limits.perUserAndClient());
            Window forUser = users.getIfPresent(user);
            if (forPair != null && forPair.count.get() > 0 && forUser != null) {
                synchronized (forUser) {
                    if (forUser.nextLoginNanos > ticker.read()) {
                        return false;
                    }
                }
            }
            pairs.invalidate(key);
            return true;
        });
    }

    private void refuseIfFull(Window window, int limit) {
        if (window != null && window.count.get() >= limit) {
            throw new LoginThrottledException(remaining(window));
        }
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
