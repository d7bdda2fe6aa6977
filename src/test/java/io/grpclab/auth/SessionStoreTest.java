package io.grpclab.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpclab.support.ConfigMappings;

class SessionStoreTest {

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
    final InMemorySessionStore store = new InMemorySessionStore(config(Duration.ofMinutes(15), Duration.ofHours(1), 3),
            clock);

    @Test
    void aSessionEndsWhenUnusedForTheIdleTimeout() {
        String id = store.create("ana", List.of("user")).id();
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertThat(store.use(id)).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(14));
        assertThat(store.use(id)).isPresent();
        clock.now = clock.now.plus(Duration.ofMinutes(15));
        assertThat(store.use(id)).isEmpty();
    }

    @Test
    void aSessionEndsAtTheAbsoluteTimeoutHoweverMuchItIsUsed() {
        String id = store.create("ana", List.of("user")).id();
        for (int i = 0; i < 5; i++) {
            clock.now = clock.now.plus(Duration.ofMinutes(10));
            assertThat(store.use(id)).isPresent();
        }
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertThat(store.use(id)).isEmpty();
    }

    @Test
    void logoutRevokesAndANewLoginEndsTheOldSession() {
        String first = store.create("ana", List.of("user")).id();
        String second = store.create("ana", List.of("user")).id();
        assertThat(store.use(first)).isEmpty();
        assertThat(store.revoke(second)).isTrue();
        assertThat(store.use(second)).isEmpty();
    }

    @Test
    void theStoreIsBounded() {
        for (int i = 0; i < 20; i++) {
            store.create("user-" + i, List.of());
        }
        assertThat(store.size()).isLessThanOrEqualTo(3);
    }

    @Test
    void anExpiredSessionIsGoneFromTheStoreNotOnlyRefused() {
        store.create("ana", List.of());
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(store.size()).isZero();
    }

    static AuthConfig config(Duration idle, Duration absolute, int max) {
        return ConfigMappings.of(AuthConfig.class, Map.of("lab.auth.session.idle-timeout", idle.toString(),
                "lab.auth.session.absolute-timeout", absolute.toString(), "lab.auth.session.max-sessions",
                Integer.toString(max)));
    }
}
