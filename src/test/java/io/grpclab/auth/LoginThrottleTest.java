package io.grpclab.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

class LoginThrottleTest {

    static final Duration LONG = Duration.ofMinutes(5);

    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;
    final LoginThrottle throttle = new LoginThrottle(new LoginThrottle.Limits(2, 3, 4, Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofMinutes(1)), ticker);

    @Test
    void aClientIsRefusedForAUserAfterItsFailuresUntilTheWindowEnds() {
        throttle.reserve("ana", "10.0.0.1", LONG);
        advance(Duration.ofSeconds(10));
        throttle.reserve("ana", "10.0.0.1", LONG);

        assertThatThrownBy(() -> throttle.reserve("ana", "10.0.0.1", LONG))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(50)));
        advance(Duration.ofSeconds(51));
        assertThat(throttle.reserve("ana", "10.0.0.1", LONG).delay()).isZero();
    }

    @Test
    void anotherClientIsNotLockedOutByAStrangersFailures() {
        throttle.reserve("ana", "10.0.0.66", LONG);
        throttle.reserve("ana", "10.0.0.66", LONG);
        assertThatThrownBy(() -> throttle.reserve("ana", "10.0.0.66", LONG))
                .isInstanceOf(LoginThrottledException.class);

        throttle.reserve("ana", "10.0.0.1", LONG).succeeded();
    }

    @Test
    void oneClientGuessingManyUsersIsRefusedWhateverTheUser() {
        throttle.reserve("a", "10.0.0.9", LONG);
        throttle.reserve("b", "10.0.0.9", LONG);
        throttle.reserve("c", "10.0.0.9", LONG);

        assertThatThrownBy(() -> throttle.reserve("d", "10.0.0.9", LONG)).isInstanceOf(LoginThrottledException.class);
        assertThat(throttle.reserve("d", "10.0.0.10", LONG).delay()).isZero();
    }

    @Test
    void aSuccessForgivesTheUserButNotTheClientsOtherFailures() {
        throttle.reserve("a", "10.0.0.9", LONG);
        throttle.reserve("b", "10.0.0.9", LONG);
        throttle.reserve("ana", "10.0.0.9", LONG).succeeded();
        throttle.reserve("c", "10.0.0.9", LONG);

        assertThatThrownBy(() -> throttle.reserve("d", "10.0.0.9", LONG)).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void failuresForAUserFromEverywhereSpaceItsLoginsOutDoublingUpToTheCap() {
        for (int client = 1; client <= 4; client++) {
            assertThat(throttle.reserve("ana", "10.0.1." + client, LONG).delay()).isZero();
        }

        assertThat(throttle.reserve("ana", "10.0.1.5", LONG).delay()).as("the first past the threshold").isZero();
        assertThat(throttle.reserve("ana", "10.0.1.6", LONG).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(throttle.reserve("ana", "10.0.1.7", LONG).delay()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> throttle.reserve("ana", "10.0.1.8", LONG)).as("its turn is more than 5 s away")
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(throttle.reserve("bob", "10.0.1.9", LONG).delay()).as("other users are not slowed").isZero();

        advance(Duration.ofSeconds(7));
        assertThat(throttle.reserve("ana", "10.0.1.8", LONG).delay()).as("its turn has come").isZero();
    }

    @Test
    void aLoginWhoseTurnComesAfterItsDeadlineIsRefusedAtOnce() {
        for (int client = 1; client <= 6; client++) {
            throttle.reserve("ana", "10.0.2." + client, LONG);
        }

        assertThatThrownBy(() -> throttle.reserve("ana", "10.0.2.7", Duration.ofMillis(500)))
                .isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void anAbandonedAttemptCountsForNothing() {
        throttle.reserve("ana", "10.0.0.1", LONG);
        throttle.reserve("ana", "10.0.0.1", LONG).abandoned();

        assertThat(throttle.reserve("ana", "10.0.0.1", LONG).delay()).isZero();
        assertThatThrownBy(() -> throttle.reserve("ana", "10.0.0.1", LONG)).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() {
        throttle.reserve("ana", "2001:db8:0:1::1", LONG);
        throttle.reserve("ana", "2001:db8:0:1::2", LONG);

        assertThatThrownBy(() -> throttle.reserve("ana", "2001:db8:0:1:ffff::3", LONG))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(throttle.reserve("ana", "2001:db8:0:2::1", LONG).delay()).isZero();
        assertThat(LoginThrottle.clientKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(LoginThrottle.clientKey("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void aReservationCountsAsAFailureUntilItSucceeds() {
        LoginThrottle.Attempt first = throttle.reserve("ana", "10.0.0.1", LONG);
        throttle.reserve("ana", "10.0.0.1", LONG);
        assertThatThrownBy(() -> throttle.reserve("ana", "10.0.0.1", LONG)).isInstanceOf(LoginThrottledException.class);

        first.succeeded();
        assertThat(throttle.reserve("ana", "10.0.0.1", LONG).delay()).isZero();
    }

    @Test
    void entriesExpireWithTheirWindow() {
        throttle.reserve("ana", "10.0.0.1", LONG);
        throttle.reserve("bob", "10.0.0.2", LONG);
        assertThat(throttle.trackedKeys()).isEqualTo(6);

        advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(throttle.trackedKeys()).isZero();
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
