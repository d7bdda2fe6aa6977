package io.grpclab.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

class LoginThrottleTest {

    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;
    final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(2, 3, 4, Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofMinutes(1)), ticker);

    @Test
    void aClientIsRefusedForAUserAfterItsFailuresUntilTheWindowEnds() {
        throttle.reserve("ana", "10.0.0.1");
        advance(Duration.ofSeconds(10));
        throttle.reserve("ana", "10.0.0.1");

        assertThatThrownBy(() -> throttle.reserve("ana", "10.0.0.1")).isInstanceOfSatisfying(LoginThrottledException.class,
                e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(50)));
        advance(Duration.ofSeconds(51));
        assertThat(throttle.reserve("ana", "10.0.0.1").delay()).isZero();
    }

    @Test
    void anotherClientIsNotLockedOutByAStrangersFailures() {
        throttle.reserve("ana", "10.0.0.66");
        throttle.reserve("ana", "10.0.0.66");
        assertThatThrownBy(() -> throttle.reserve("ana", "10.0.0.66")).isInstanceOf(LoginThrottledException.class);

        throttle.reserve("ana", "10.0.0.1").succeeded();
    }

    @Test
    void oneClientGuessingManyUsersIsRefusedWhateverTheUser() {
        throttle.reserve("a", "10.0.0.9");
        throttle.reserve("b", "10.0.0.9");
        throttle.reserve("c", "10.0.0.9");

        assertThatThrownBy(() -> throttle.reserve("d", "10.0.0.9")).isInstanceOf(LoginThrottledException.class);
        assertThat(throttle.reserve("d", "10.0.0.10").delay()).isZero();
    }

    @Test
    void aSuccessForgivesTheUserButNotTheClientsOtherFailures() {
        throttle.reserve("a", "10.0.0.9");
        throttle.reserve("b", "10.0.0.9");
        throttle.reserve("ana", "10.0.0.9").succeeded();
        throttle.reserve("c", "10.0.0.9");

        assertThatThrownBy(() -> throttle.reserve("d", "10.0.0.9")).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void failuresForAUserFromEverywhereSlowItsLoginsDownDoublingUpToTheCap() {
        for (int client = 1; client <= 4; client++) {
            assertThat(throttle.reserve("ana", "10.0.1." + client).delay()).isZero();
        }

        assertThat(throttle.reserve("ana", "10.0.1.5").delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.reserve("ana", "10.0.1.6").delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(throttle.reserve("ana", "10.0.1.7").delay()).isEqualTo(Duration.ofSeconds(4));
        assertThat(throttle.reserve("ana", "10.0.1.8").delay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(throttle.reserve("bob", "10.0.1.9").delay()).as("other users are not slowed").isZero();
    }

    @Test
    void aReservationCountsAsAFailureUntilItSucceeds() {
        LoginThrottle.Attempt first = throttle.reserve("ana", "10.0.0.1");
        throttle.reserve("ana", "10.0.0.1");
        assertThatThrownBy(() -> throttle.reserve("ana", "10.0.0.1")).isInstanceOf(LoginThrottledException.class);

        first.succeeded();
        assertThat(throttle.reserve("ana", "10.0.0.1").delay()).isZero();
    }

    @Test
    void entriesExpireWithTheirWindow() {
        throttle.reserve("ana", "10.0.0.1");
        throttle.reserve("bob", "10.0.0.2");
        assertThat(throttle.trackedKeys()).isEqualTo(6);

        advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(throttle.trackedKeys()).isZero();
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
