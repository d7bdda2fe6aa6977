package io.grpclab.auth.store;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Typed;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;

import io.grpclab.auth.RevokedTokens;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/** Revoked token ids in this process's memory, each expiring at its own time. */
@ApplicationScoped
@Typed(InMemoryRevokedTokens.class) // the RevokedTokens is the one lab.auth.store picks (StateStores)
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSA",
        "com.github.benmanes.caffeine.cache.PSW" }) // Caffeine loads them by name (NativeImageReflectionTests)
class InMemoryRevokedTokens implements RevokedTokens {

    private final Cache<String, Instant> revoked = Caffeine.newBuilder()
            .expireAfter(Expiry.<String, Instant> creating((id, until) -> RevokedTokens.remaining(until)))
            .build();

    @Override
    public Uni<Void> revoke(String id, Instant until) {
        revoked.put(id, until);
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Boolean> isRevoked(String id) {
        return Uni.createFrom().item(id != null && revoked.getIfPresent(id) != null);
    }
}
