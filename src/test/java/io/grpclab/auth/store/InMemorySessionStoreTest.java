package io.grpclab.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.grpclab.auth.AuthConfig;
import io.grpclab.auth.SessionStore;

class InMemorySessionStoreTest extends SessionStoreTestBase {

    @Override
    SessionStore store(AuthConfig config, Clock clock) {
        return new InMemorySessionStore(config, clock);
    }

    @Test
    void theStoreIsBounded() {
        for (int i = 0; i < 20; i++) {
            create("user-" + i);
        }
        assertThat(((InMemorySessionStore) store).size()).isLessThanOrEqualTo(3);
    }

    @Test
    void anExpiredSessionIsGoneFromTheStoreNotOnlyRefused() {
        create("ana");
        clock.now = clock.now.plus(Duration.ofMinutes(16));
        assertThat(((InMemorySessionStore) store).size()).isZero();
    }
}
