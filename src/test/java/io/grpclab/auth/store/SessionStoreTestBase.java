package io.grpclab.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpclab.auth.AuthConfig;
import io.grpclab.auth.SessionStore;
import io.grpclab.support.ConfigMappings;

/**
 * What every session store must do, run against each ({@code InMemorySessionStoreTest}, {@code RedisSessionStoreTest}):
 * the same clock moves, the same answers.
 */
abstract class SessionStoreTestBase {

    /** A clock the test moves. */
    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final MovableClock clock = new MovableClock();
    final SessionStore store = store(config(Duration.ofMinutes(15), Duration.ofHours(1), 3), clock);

    abstract SessionStore store(AuthConfig config, Clock clock);

    String create(String user) {
        return store.create(user, List.of("user")).await().atMost(Duration.ofSeconds(5)).id();
    }

    boolean live(String id) {
        return store.use(id).await().atMost(Duration.ofSeconds(5)).isPresent();
    }

    @Test
    void aSessionEndsWhenUnusedForTheIdleTimeout() {
        String id = create("ana");
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertThat(live(id)).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertThat(live(id)).isTrue();
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(live(id)).isFalse();
    }

    @Test
    void aSessionEndsAtTheAbsoluteTimeoutHoweverMuchItIsUsed() {
        String id = create("ana");
        for (int i = 0; i < 5; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(10));
            assertThat(live(id)).isTrue();
        }
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(live(id)).isFalse();
    }

    @Test
    void logoutRevokesAndANewLoginEndsTheOldSession() {
        String first = create("ana");
        String second = create("ana");
        assertThat(live(first)).isFalse();
        assertThat(store.revoke(second).await().atMost(Duration.ofSeconds(5))).isTrue();
        assertThat(live(second)).isFalse();
        assertThat(store.revoke(second).await().atMost(Duration.ofSeconds(5))).isFalse();
    }

    @Test
    void aSessionCarriesItsUserRolesAndDeadlines() {
        SessionStore.Session made = store.create("bo", List.of("user", "admin")).await().atMost(Duration.ofSeconds(5));
        clock.now = clock.now.plus(Duration.ofMinutes(1));
        SessionStore.Session used = store.use(made.id()).await().atMost(Duration.ofSeconds(5)).orElseThrow();
        assertThat(used.user()).isEqualTo("bo");
        assertThat(used.roles()).containsExactly("user", "admin");
        assertThat(used.createdAtMs()).isEqualTo(made.createdAtMs());
        assertThat(used.lastUsedAtMs()).isEqualTo(clock.millis());
        assertThat(used.idleExpiresAtMs()).isEqualTo(clock.millis() + Duration.ofMinutes(15).toMillis());
        assertThat(used.absoluteExpiresAtMs()).isEqualTo(made.absoluteExpiresAtMs());
        assertThat(store.use("no-such-session").await().atMost(Duration.ofSeconds(5))).isEmpty();
    }

    static AuthConfig config(Duration idle, Duration absolute, int max) {
        return ConfigMappings.of(AuthConfig.class, Map.of("lab.auth.session.idle-timeout", idle.toString(),
                "lab.auth.session.absolute-timeout", absolute.toString(), "lab.auth.session.max-sessions",
                Integer.toString(max), "lab.auth.store-timeout", "2s"));
    }
}
