package io.grpclab.auth.store;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;

import io.grpclab.auth.AuthConfig;
import io.grpclab.auth.RevokedTokens;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** Revoked token ids in Redis ({@code lab:revoked-token:<jti>}), each with a TTL to the token's exp and skew. */
@ApplicationScoped
@Typed(RedisRevokedTokens.class) // the RevokedTokens is the one lab.auth.store picks (StateStores)
class RedisRevokedTokens implements RevokedTokens {

    static final String PREFIX = "lab:revoked-token:";

    private final Redis redis;
    private final StoreCalls calls;

    /** The client is looked up, not injected: it is inactive (no quarkus.redis.hosts) where the store is memory. */
    RedisRevokedTokens(Instance<Redis> redis, AuthConfig config) {
        this.redis = redis.get();
        this.calls = new StoreCalls(config.storeTimeout());
    }

    @Override
    public Uni<Void> revoke(String id, Instant until) {
        return calls.send(redis, Request.cmd(Command.SET).arg(PREFIX + id).arg("1").arg("PX")
                .arg(RevokedTokens.remaining(until).toMillis())).replaceWithVoid();
    }

    @Override
    public Uni<Boolean> isRevoked(String id) {
        if (id == null) {
            return Uni.createFrom().item(false);
        }
        return calls.send(redis, Request.cmd(Command.EXISTS).arg(PREFIX + id))
                .map(exists -> exists != null && exists.toLong() > 0);
    }
}
