package io.grpclab.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Failed logins per user name and per client address. After {@code max-failures-per-user} (or, from one
 * client, {@code max-failures-per-client}) within the window, further attempts are refused until the
 * oldest failure leaves the window, right password or not. Bounded: the least recently seen keys go first.
 */
@ApplicationScoped
public class LoginThrottle {

    private static final int REMEMBERED_KEYS = 10_000;

    private final int perUser;
    private final int perClient;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
            return size() > REMEMBERED_KEYS;
        }
    };

    LoginThrottle(AuthConfig config) {
        this.perUser = config.throttle().maxFailuresPerUser();
        this.perClient = config.throttle().maxFailuresPerClient();
        this.window = config.throttle().window();
    }

    /** How long the user or client must wait before trying again; zero when it may try now. */
    public synchronized Duration waitBefore(String user, String client, Instant now) {
        Duration forUser = wait("user:" + user, perUser, now);
        Duration forClient = wait("client:" + client, perClient, now);
        return forUser.compareTo(forClient) >= 0 ? forUser : forClient;
    }

    public synchronized void failed(String user, String client, Instant now) {
        record("user:" + user, perUser, now);
        record("client:" + client, perClient, now);
    }

    /** A success clears the user's failures, not the client's: one client guessing many users stays throttled. */
    public synchronized void succeeded(String user) {
        failures.remove("user:" + user);
    }

    private Duration wait(String key, int maxFailures, Instant now) {
        Deque<Instant> recent = failures.get(key);
        if (recent == null) {
            return Duration.ZERO;
        }
        recent.removeIf(at -> at.plus(window).isBefore(now));
        if (recent.size() < maxFailures) {
            return Duration.ZERO;
        }
        return Duration.between(now, recent.peekFirst().plus(window));
    }

    private void record(String key, int maxFailures, Instant now) {
        Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
        recent.addLast(now);
        while (recent.size() > maxFailures) {
            recent.removeFirst();
        }
    }
}
