package io.grpclab.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

/**
 * What every login throttle must do, run against each ({@code InMemoryLoginThrottleTest},
 * {@code RedisLoginThrottleTest}) with the same time, moved by the test.
 */
abstract class LoginThrottleTestBase {

    static final Duration LONG = Duration.ofMinutes(5);
    static final LoginThrottle.Limits LIMITS = new LoginThrottle.Limits(2, 3, 4, Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofMinutes(1));

    final AtomicLong nanos = new AtomicLong();
    final Ticker ticker = nanos::get;
    final LoginThrottle throttle = throttle(LIMITS, ticker);

    abstract LoginThrottle throttle(LoginThrottle.Limits limits, Ticker ticker);

    LoginThrottle.Attempt reserve(String user, String client, Duration patience) {
        return throttle.reserve(user, client, patience).await().atMost(Duration.ofSeconds(5));
    }

    static void succeeded(LoginThrottle.Attempt attempt) {
        attempt.succeeded().await().atMost(Duration.ofSeconds(5));
    }

    static void abandoned(LoginThrottle.Attempt attempt) {
        attempt.abandoned().await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void aClientIsRefusedForAUserAfterItsFailuresUntilTheWindowEnds() {
        reserve("ana", "10.0.0.1", LONG);
        advance(Duration.ofSeconds(10));
        reserve("ana", "10.0.0.1", LONG);

        assertThatThrownBy(() -> reserve("ana", "10.0.0.1", LONG))
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(50)));
        advance(Duration.ofSeconds(51));
        assertThat(reserve("ana", "10.0.0.1", LONG).delay()).isZero();
    }

    @Test
    void anotherClientIsNotLockedOutByAStrangersFailures() {
        reserve("ana", "10.0.0.66", LONG);
        reserve("ana", "10.0.0.66", LONG);
        assertThatThrownBy(() -> reserve("ana", "10.0.0.66", LONG))
                .isInstanceOf(LoginThrottledException.class);

        succeeded(reserve("ana", "10.0.0.1", LONG));
    }

    @Test
    void oneClientGuessingManyUsersIsRefusedWhateverTheUser() {
        reserve("a", "10.0.0.9", LONG);
        reserve("b", "10.0.0.9", LONG);
        reserve("c", "10.0.0.9", LONG);

        assertThatThrownBy(() -> reserve("d", "10.0.0.9", LONG)).isInstanceOf(LoginThrottledException.class);
        assertThat(reserve("d", "10.0.0.10", LONG).delay()).isZero();
    }

    @Test
    void aSuccessForgivesTheUserButNotTheClientsOtherFailures() {
        reserve("a", "10.0.0.9", LONG);
        reserve("b", "10.0.0.9", LONG);
        succeeded(reserve("ana", "10.0.0.9", LONG));
        reserve("c", "10.0.0.9", LONG);

        assertThatThrownBy(() -> reserve("d", "10.0.0.9", LONG)).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void failuresForAUserFromEverywhereSpaceItsLoginsOutDoublingUpToTheCap() {
        for (int client = 1; client <= 4; client++) {
            assertThat(reserve("ana", "10.0.1." + client, LONG).delay()).isZero();
        }

        assertThat(reserve("ana", "10.0.1.5", LONG).delay()).as("the first past the threshold").isZero();
        assertThat(reserve("ana", "10.0.1.6", LONG).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(reserve("ana", "10.0.1.7", LONG).delay()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> reserve("ana", "10.0.1.8", LONG)).as("its turn is more than 5 s away")
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(reserve("bob", "10.0.1.9", LONG).delay()).as("other users are not slowed").isZero();

        advance(Duration.ofSeconds(7));
        assertThat(reserve("ana", "10.0.1.8", LONG).delay()).as("its turn has come").isZero();
    }

    @Test
    void aLoginWhoseTurnComesAfterItsDeadlineIsRefusedAtOnce() {
        for (int client = 1; client <= 6; client++) {
            reserve("ana", "10.0.2." + client, LONG);
        }

        assertThatThrownBy(() -> reserve("ana", "10.0.2.7", Duration.ofMillis(500)))
                .isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void anAbandonedAttemptCountsForNothing() {
        reserve("ana", "10.0.0.1", LONG);
        abandoned(reserve("ana", "10.0.0.1", LONG));

        assertThat(reserve("ana", "10.0.0.1", LONG).delay()).isZero();
        assertThatThrownBy(() -> reserve("ana", "10.0.0.1", LONG)).isInstanceOf(LoginThrottledException.class);
    }

    @Test
    void anIpv6ClientCountsAsItsSlash64() {
        reserve("ana", "2001:db8:0:1::1", LONG);
        reserve("ana", "2001:db8:0:1::2", LONG);

        assertThatThrownBy(() -> reserve("ana", "2001:db8:0:1:ffff::3", LONG))
                .isInstanceOf(LoginThrottledException.class);
        assertThat(reserve("ana", "2001:db8:0:2::1", LONG).delay()).isZero();
        assertThat(LoginThrottle.clientKey("::ffff:192.0.2.7")).isEqualTo("192.0.2.7");
        assertThat(LoginThrottle.clientKey("192.0.2.7")).isEqualTo("192.0.2.7");
    }

    @Test
    void aReservationCountsAsAFailureUntilItSucceeds() {
        LoginThrottle.Attempt first = reserve("ana", "10.0.0.1", LONG);
        reserve("ana", "10.0.0.1", LONG);
        assertThatThrownBy(() -> reserve("ana", "10.0.0.1", LONG)).isInstanceOf(LoginThrottledException.class);

        succeeded(first);
        assertThat(reserve("ana", "10.0.0.1", LONG).delay()).isZero();
    }

    boolean admitVerified(String user, String client) {
        return throttle.admitVerified(user, client).await().atMost(Duration.ofSeconds(5));
    }

    @Test
    void verifiedCredentialsAreAdmittedWithoutCountingAndForgiveThePair() {
        reserve("ana", "10.0.6.1", LONG);
        reserve("ana", "10.0.6.1", LONG); // the pair's window is full: 2 of 2
        assertThatThrownBy(() -> admitVerified("ana", "10.0.6.1")).isInstanceOf(LoginThrottledException.class);

        for (int i = 0; i < 10; i++) {
            assertThat(admitVerified("bob", "10.0.6.2")).as("not counted: call " + (i + 1)).isTrue();
        }
        reserve("bob", "10.0.6.2", LONG);
        assertThat(reserve("bob", "10.0.6.2", LONG).delay()).as("the pair's two places are still free").isZero();
    }

    @Test
    void verifiedCredentialsWaitLikeAnyLoginWhenTheUsersTurnIsAhead() {
        for (int client = 0; client < 6; client++) { // past the soft limit (4): the next turn is 1 s away
            reserve("cy", "10.0.7." + client, LONG);
        }
        assertThat(admitVerified("cy", "10.0.7.9")).isFalse();
        advance(Duration.ofSeconds(10));
        assertThat(admitVerified("cy", "10.0.7.9")).isTrue();
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
