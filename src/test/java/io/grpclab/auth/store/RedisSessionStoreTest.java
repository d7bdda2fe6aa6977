package io.grpclab.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.grpclab.auth.AuthConfig;
import io.grpclab.auth.SessionStore;
import io.grpclab.auth.StoreUnavailableException;
import io.grpclab.support.RedisServerExtension;
import io.vertx.mutiny.redis.client.Redis;

/** The session store contract against a real Redis, and what a replica sees of another's sessions. */
class RedisSessionStoreTest extends SessionStoreTestBase {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    SessionStore store(AuthConfig config, Clock clock) {
        return new RedisSessionStore(REDIS.client(), config, clock);
    }

    @Test
    void aSessionMadeByOneReplicaIsUsedAndEndedByAnother() {
        SessionStore other = store(config(Duration.ofMinutes(15), Duration.ofHours(1), 3), clock);
        String id = create("cy");

        assertThat(other.use(id).await().atMost(Duration.ofSeconds(5))).isPresent();
        String newer = other.create("cy", List.of("user")).await().atMost(Duration.ofSeconds(5)).id();
        assertThat(live(id)).as("one session per user, whichever replica made the older one").isFalse();
        assertThat(store.revoke(newer).await().atMost(Duration.ofSeconds(5))).isTrue();
        assertThat(other.use(newer).await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    @Test
    void aStoreThatCannotBeReachedSaysSo() {
        Redis nowhere = REDIS.clientFor("redis://127.0.0.1:1");
        SessionStore unreachable = new RedisSessionStore(nowhere, config(Duration.ofMinutes(15), Duration.ofHours(1),
                3), clock);
        try {
            assertThatThrownBy(() -> unreachable.use("x").await().atMost(Duration.ofSeconds(10)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessage("the session store is unavailable");
        } finally {
            nowhere.close();
        }
    }
}
