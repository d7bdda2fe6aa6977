package io.grpclab.auth.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.github.benmanes.caffeine.cache.Ticker;

import io.grpclab.auth.LoginThrottle;

class InMemoryLoginThrottleTest extends LoginThrottleTestBase {

    @Override
    LoginThrottle throttle(LoginThrottle.Limits limits, Ticker ticker) {
        return new InMemoryLoginThrottle(limits, ticker);
    }

    @Test
    void entriesExpireWithTheirWindow() {
        reserve("ana", "10.0.0.1", LONG);
        reserve("bob", "10.0.0.2", LONG);
        assertThat(((InMemoryLoginThrottle) throttle).trackedKeys()).isEqualTo(6);

        advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(((InMemoryLoginThrottle) throttle).trackedKeys()).isZero();
    }
}
