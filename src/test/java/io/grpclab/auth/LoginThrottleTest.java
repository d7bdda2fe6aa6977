package io.grpclab.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    final LoginThrottle throttle = new LoginThrottle(SessionStoreTest.config(Duration.ofMinutes(15), Duration.ofHours(1), 10));
    final Instant t0 = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void aUserIsThrottledAfterItsFailuresUntilTheOldestLeavesTheWindow() {
        throttle.failed("ana", "10.0.0.1", t0);
        assertThat(throttle.waitBefore("ana", "10.0.0.2", t0.plusSeconds(1))).isZero();
        throttle.failed("ana", "10.0.0.2", t0.plusSeconds(10));

        assertThat(throttle.waitBefore("ana", "10.0.0.3", t0.plusSeconds(20))).isEqualTo(Duration.ofSeconds(40));
        assertThat(throttle.waitBefore("ana", "10.0.0.3", t0.plusSeconds(61))).isZero();
    }

    @Test
    void aSuccessClearsTheUserButNotTheClient() {
        throttle.failed("ana", "10.0.0.9", t0);
        throttle.failed("bob", "10.0.0.9", t0);
        throttle.succeeded("ana");
        throttle.failed("cy", "10.0.0.9", t0);

        assertThat(throttle.waitBefore("ana", "10.0.0.1", t0)).isZero();
        assertThat(throttle.waitBefore("dee", "10.0.0.9", t0)).isPositive();
    }
}
