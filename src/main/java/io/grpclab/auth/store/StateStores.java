package io.grpclab.auth.store;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

import io.grpclab.auth.AuthConfig;
import io.grpclab.auth.LoginThrottle;
import io.grpclab.auth.RevokedTokens;
import io.grpclab.auth.SessionStore;

/**
 * Where sessions, revoked tokens and the login throttle's counts live, by {@code lab.auth.store}: {@code memory} (one
 * instance; the default, and what dev mode and the tests use) or {@code redis} (shared by replicas, through
 * quarkus-redis-client's default client, {@code quarkus.redis.hosts}). Only the chosen store is created, so the memory
 * store needs no Redis at all.
 */
@ApplicationScoped
class StateStores {

    @Produces
    @ApplicationScoped
    SessionStore sessions(AuthConfig config, Instance<InMemorySessionStore> memory,
            Instance<RedisSessionStore> redis) {
        return config.store() == AuthConfig.Store.REDIS ? redis.get() : memory.get();
    }

    @Produces
    @ApplicationScoped
    LoginThrottle loginThrottle(AuthConfig config, Instance<InMemoryLoginThrottle> memory,
            Instance<RedisLoginThrottle> redis) {
        return config.store() == AuthConfig.Store.REDIS ? redis.get() : memory.get();
    }

    @Produces
    @ApplicationScoped
    RevokedTokens revokedTokens(AuthConfig config, Instance<InMemoryRevokedTokens> memory,
            Instance<RedisRevokedTokens> redis) {
        return config.store() == AuthConfig.Store.REDIS ? redis.get() : memory.get();
    }
}
