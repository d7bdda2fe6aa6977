package io.grpclab.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import io.grpclab.auth.LoginThrottle;
import io.grpclab.auth.LoginThrottledException;

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

    /** Four clients fail once each, out of turn: the user reaches the threshold (4), and its queue is empty. */
    void fourClientsFailOnce(String user, String network) {
        for (int client = 1; client <= 4; client++) {
            assertThat(reserve(user, network + client, LONG).delay()).as("a client's first try").isZero();
        }
    }

    @Test
    void failuresForAUserFromEverywhereSpaceTheFailedClientsLoginsOutDoublingUpToTheCap() {
        fourClientsFailOnce("ana", "10.0.1.");

        assertThat(reserve("ana", "10.0.1.1", LONG).delay()).as("the first past the threshold").isZero();
        assertThat(reserve("ana", "10.0.1.2", LONG).delay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(reserve("ana", "10.0.1.3", LONG).delay()).isEqualTo(Duration.ofSeconds(3));
        assertThatThrownBy(() -> reserve("ana", "10.0.1.4", LONG)).as("its turn is more than 5 s away")
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThat(reserve("bob", "10.0.1.4", LONG).delay()).as("other users are not slowed").isZero();

        advance(Duration.ofSeconds(7));
        assertThat(reserve("ana", "10.0.1.4", LONG).delay()).as("its turn has come").isZero();
    }

    @Test
    void aClientWithNoFailureForTheUserIsCheckedOutOfTurnWhileStrangersKeepTheQueueFull() {
        fourClientsFailOnce("ana", "10.0.8.");
        reserve("ana", "10.0.8.1", LONG);
        reserve("ana", "10.0.8.2", LONG);
        reserve("ana", "10.0.8.3", LONG); // the next turn is 7 s away, beyond the 5 s cap
        assertThatThrownBy(() -> reserve("ana", "10.0.8.4", LONG)).isInstanceOf(LoginThrottledException.class);

        LoginThrottle.Attempt owner = reserve("ana", "10.0.8.99", LONG);
        assertThat(owner.delay()).as("the owner's client has not failed: checked at once").isZero();
        succeeded(owner);
        assertThat(reserve("ana", "10.0.8.99", LONG).delay()).as("its success forgave its pair").isZero();

        assertThatThrownBy(() -> reserve("ana", "10.0.8.4", LONG))
                .as("the owner's logins took no turn and forgave no stranger")
                .isInstanceOfSatisfying(LoginThrottledException.class,
                        e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void aLoginWhoseTurnComesAfterItsDeadlineIsRefusedAtOnce() {
        fourClientsFailOnce("ana", "10.0.2.");
        reserve("ana", "10.0.2.1", LONG);
        reserve("ana", "10.0.2.2", LONG); // the next turn is 3 s away

        assertThatThrownBy(() -> reserve("ana", "10.0.2.3", Duration.ofMillis(500)))
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
    void verifiedCredentialsFromAClientThatFailedWaitLikeAnyLoginWhenTheUsersTurnIsAhead() {
        fourClientsFailOnce("cy", "10.0.7.");
        reserve("cy", "10.0.7.1", LONG);
        reserve("cy", "10.0.7.2", LONG); // the next turn is 3 s away
        reserve("cy", "10.0.7.9", LONG); // this client failed once too

        assertThat(admitVerified("cy", "10.0.7.9")).isFalse();
        assertThat(admitVerified("cy", "10.0.7.10")).as("a client that has not failed").isTrue();
        advance(Duration.ofSeconds(10));
        assertThat(admitVerified("cy", "10.0.7.9")).isTrue();
    }

    void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }
}
