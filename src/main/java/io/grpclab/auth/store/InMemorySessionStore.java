package io.grpclab.auth.store;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.grpclab.auth.AuthConfig;
import io.grpclab.auth.SessionStore;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * Sessions in this process's memory: ids from {@link SessionIds}, idle and absolute expiry, one live session
 * per user, at most {@code lab.auth.session.max-sessions}. A Caffeine cache keeps them: each entry expires at its own
 * time (the idle deadline, moved by every use, never past the absolute one). The bound guards memory; a store that
 * reaches it is overloaded, and Caffeine's size eviction (frequency-based, not least-recently-used) picks what goes,
 * which may be the newest session.
 */
@ApplicationScoped
@Typed(InMemorySessionStore.class) // the SessionStore is the one lab.auth.store picks (StateStores)
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSWMS" }) // Caffeine loads them by name (NativeImageReflectionTests)
class InMemorySessionStore implements SessionStore {

    private final Clock clock;
    private final long idleMs;
    private final long absoluteMs;
    private final Cache<String, Session> sessions;
    private final SessionIds ids = new SessionIds();

    @Inject
    InMemorySessionStore(AuthConfig config) {
        this(config, Clock.systemUTC());
    }

    InMemorySessionStore(AuthConfig config, Clock clock) {
        this.clock = clock;
        this.idleMs = config.session().idleTimeout().toMillis();
        this.absoluteMs = config.session().absoluteTimeout().toMillis();
        this.sessions = Caffeine.newBuilder().maximumSize(config.session().maxSessions())
                .expireAfter(Expiry.<String, Session> writing(
                        (id, session) -> Duration.ofMillis(session.idleExpiresAtMs() - clock.millis())))
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run) // evictions on the caller's thread: no background work, tests see them at once
                .build();
    }

    @Override
    public Uni<Session> create(String user, List<String> roles) {
        return Uni.createFrom().item(createNow(user, roles));
    }

    @Override
    public Uni<Optional<Session>> use(String id) {
        return Uni.createFrom().item(useNow(id));
    }

    @Override
    public Uni<Boolean> revoke(String id) {
        return Uni.createFrom().item(id != null && sessions.asMap().remove(id) != null);
    }

    /** Synchronized: ending the user's other sessions and adding this one is one step (one live session per user). */
    private synchronized Session createNow(String user, List<String> roles) {
        sessions.asMap().values().removeIf(s -> s.user().equals(user));
        long now = clock.millis();
        Session session = new Session(ids.newId(), user, List.copyOf(roles), now, now,
                Math.min(now + idleMs, now + absoluteMs), now + absoluteMs);
        sessions.put(session.id(), session);
        return session;
    }

    private Optional<Session> useNow(String id) {
        if (id == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        return Optional.ofNullable(sessions.asMap().computeIfPresent(id, (key, session) -> new Session(key,
                session.user(), session.roles(), session.createdAtMs(), now,
                Math.min(now + idleMs, session.absoluteExpiresAtMs()), session.absoluteExpiresAtMs())));
    }

    /** The sessions kept now, for tests of the bound. */
    long size() {
        sessions.cleanUp();
        return sessions.estimatedSize();
    }
}
