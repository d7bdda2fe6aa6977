package io.grpclab.auth;

import java.util.List;
import java.util.Optional;

/**
 * Server-side sessions: state kept for each logged-in client, as the seed describes. Behind an interface so
 * that a shared store (Redis, a database) can replace the in-memory one when the app runs as several
 * instances.
 */
public interface SessionStore {

    /** A session as stored. Times are epoch milliseconds. */
    record Session(String id, String user, List<String> roles, long createdAtMs, long lastUsedAtMs,
            long idleExpiresAtMs, long absoluteExpiresAtMs) {
    }

    /** A new session with a new id for the user; the user's older sessions end. */
    Session create(String user, List<String> roles);

    /** The live session with this id, marked as used now; empty if unknown, expired or revoked. */
    Optional<Session> use(String id);

    /** Ends the session; true if it was live. */
    boolean revoke(String id);
}
