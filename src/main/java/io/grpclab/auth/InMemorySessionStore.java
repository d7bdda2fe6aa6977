package io.grpclab.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Sessions in this process's memory: 256-bit ids from {@link SecureRandom}, idle and absolute expiry, at
 * most {@code lab.auth.session.max-sessions} (the least recently used go first), one live session per user.
 */
@ApplicationScoped
public class InMemorySessionStore implements SessionStore {

    private static final int ID_BYTES = 32;

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final long idleMs;
    private final long absoluteMs;
    private final Map<String, Session> sessions;

    @Inject
    InMemorySessionStore(AuthConfig config) {
        this(config, Clock.systemUTC());
    }

    InMemorySessionStore(AuthConfig config, Clock clock) {
        this.clock = clock;
        this.idleMs = config.session().idleTimeout().toMillis();
        this.absoluteMs = config.session().absoluteTimeout().toMillis();
        int max = config.session().maxSessions();
        this.sessions = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Session> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    public synchronized Session create(String user, List<String> roles) {
        sessions.values().removeIf(s -> s.user().equals(user));
        long now = clock.millis();
        String id = newId();
        Session session = new Session(id, user, List.copyOf(roles), now, now, Math.min(now + idleMs, now + absoluteMs),
                now + absoluteMs);
        sessions.put(id, session);
        return session;
    }

    @Override
    public synchronized Optional<Session> use(String id) {
        Session session = id == null ? null : sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (now >= session.idleExpiresAtMs() || now >= session.absoluteExpiresAtMs()) {
            sessions.remove(id);
            return Optional.empty();
        }
        Session used = new Session(id, session.user(), session.roles(), session.createdAtMs(), now,
                Math.min(now + idleMs, session.absoluteExpiresAtMs()), session.absoluteExpiresAtMs());
        sessions.put(id, used);
        return Optional.of(used);
    }

    @Override
    public synchronized boolean revoke(String id) {
        return id != null && sessions.remove(id) != null;
    }

    private String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
