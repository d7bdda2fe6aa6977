package io.grpclab.auth;

import java.util.List;
import java.util.Optional;

import io.smallrye.mutiny.Uni;

/**
 * Server-side sessions: state kept for each logged-in client, as the seed describes. In this process's memory
 * ({@link InMemorySessionStore}, the default) or in Redis ({@link RedisSessionStore}, shared by replicas), chosen by
 * {@code lab.auth.store}. Asynchronous, as a store across the network is: a store that cannot be reached fails the
 * Uni with {@link StoreUnavailableException}.
 */
public interface SessionStore {

    /** A session as stored. Times are epoch milliseconds. */
    record Session(String id, String user, List<String> roles, long createdAtMs, long lastUsedAtMs,
            long idleExpiresAtMs, long absoluteExpiresAtMs) {
    }

    /** A new session with a new id for the user; the user's older sessions end. */
    Uni<Session> create(String user, List<String> roles);

    /** The live session with this id, marked as used now; empty if unknown, expired or revoked. */
    Uni<Optional<Session>> use(String id);

    /** Ends the session; true if it was live. */
    Uni<Boolean> revoke(String id);
}
