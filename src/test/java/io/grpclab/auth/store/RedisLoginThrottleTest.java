package io.grpclab.auth.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.benmanes.caffeine.cache.Ticker;

import io.grpclab.auth.LoginThrottle;
import io.grpclab.auth.StoreUnavailableException;
import io.grpclab.support.RedisServerExtension;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/** The throttle contract against a real Redis, and two replicas counting against one limit. */
class RedisLoginThrottleTest extends LoginThrottleTestBase {

    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    @Override
    LoginThrottle throttle(LoginThrottle.Limits limits, Ticker ticker) {
        // each test starts from no counts, as a new in-memory throttle does
        REDIS.client().send(Request.cmd(Command.FLUSHALL)).await().atMost(Duration.ofSeconds(5));
        return new RedisLoginThrottle(limits, REDIS.client(), () -> ticker.read() / 1_000_000, Duration.ofSeconds(2));
    }

    @Test
    void failuresOnTwoReplicasCountAgainstOneLimit() {
        LoginThrottle other = new RedisLoginThrottle(LIMITS, REDIS.client(), () -> ticker.read() / 1_000_000,
                Duration.ofSeconds(2));
        reserve("ana", "10.0.3.1", LONG);
        other.reserve("ana", "10.0.3.1", LONG).await().atMost(Duration.ofSeconds(5));

        assertThat(throttle.reserve("ana", "10.0.3.1", LONG).onFailure().recoverWithNull().await()
                .atMost(Duration.ofSeconds(5))).as("the third failure, whichever replica it reaches").isNull();
    }

    @Test
    void aReservationWhoseReplyCameTooLateIsGivenBack() {
        LoginThrottle impatient = new RedisLoginThrottle(LIMITS, REDIS.client(), () -> ticker.read() / 1_000_000,
                Duration.ofMillis(100));
        // Redis busy for 0.5 s: the reservation runs after it, its reply long after the 100 ms the caller waits
        Redis stall = REDIS.clientFor(REDIS.uri());
        try {
            stall.send(Request.cmd(Command.PING)).await().atMost(Duration.ofSeconds(5)); // connected
            stall.send(Request.cmd(Command.EVAL).arg("local t = redis.call('TIME') local s = t[1] * 1000000 + t[2] "
                    + "while true do local n = redis.call('TIME') if n[1] * 1000000 + n[2] - s > 500000 then "
                    + "return 1 end end").arg(0)).subscribe().with(done -> {
                    }, failure -> {
                    });
            await().atMost(Duration.ofSeconds(2)).until(() -> redisIsBusy()); // the stall has started
            assertThatThrownBy(() -> impatient.reserve("ana", "10.0.5.1", LONG).await().atMost(Duration.ofSeconds(5)))
                    .isInstanceOf(StoreUnavailableException.class);
        } finally {
            stall.close();
        }

        String client = RedisLoginThrottle.PREFIX + "client:10.0.5.1";
        // counted and given back, or never counted (the release reached Redis first): nothing stays counted
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            var count = REDIS.client().send(Request.cmd(Command.HGET).arg(client).arg("count"))
                    .await().atMost(Duration.ofSeconds(5));
            return count == null || "0".equals(count.toString());
        });
    }

    /** True while Redis answers no PING within 20 ms: a script is running. */
    private static boolean redisIsBusy() {
        try {
            REDIS.client().send(Request.cmd(Command.PING)).await().atMost(Duration.ofMillis(20));
            return false;
        } catch (io.smallrye.mutiny.TimeoutException busy) {
            return true;
        }
    }

    @Test
    void aWindowIsARedisKeyThatExpires() {
        reserve("ana", "10.0.4.1", LONG);
        long ttl = REDIS.client().send(Request.cmd(Command.PTTL).arg(RedisLoginThrottle.PREFIX + "client:10.0.4.1"))
                .await().atMost(Duration.ofSeconds(5)).toLong();
        assertThat(ttl).isBetween(1L, Duration.ofMinutes(1).toMillis());
    }
}
