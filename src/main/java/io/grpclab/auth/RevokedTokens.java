package io.grpclab.auth;

import java.time.Duration;
import java.time.Instant;

import io.smallrye.mutiny.Uni;

/**
 * Token ids logged out before their exp, each kept until the token would be refused anyway. In memory or in Redis,
 * chosen with the session store by {@code lab.auth.store}.
 */
public interface RevokedTokens {

    /** Refuses the token id until {@code until}. */
    Uni<Void> revoke(String id, Instant until);

    Uni<Boolean> isRevoked(String id);

    /** How long from now until {@code until}, at least a millisecond (a TTL must be positive). */
    static Duration remaining(Instant until) {
        Duration left = Duration.between(Instant.now(), until);
        return left.toMillis() < 1 ? Duration.ofMillis(1) : left;
    }
}
