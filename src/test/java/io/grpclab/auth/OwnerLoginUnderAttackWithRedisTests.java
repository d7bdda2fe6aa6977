package io.grpclab.auth;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.grpclab.support.RedisServerResource;
import io.grpclab.support.RequiresRedis;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** {@link OwnerLoginUnderAttackTests} with the throttle's counts in a real Redis. */
@QuarkusTest
@RequiresRedis
@TestProfile(OwnerLoginUnderAttackWithRedisTests.LongQueueInRedis.class)
class OwnerLoginUnderAttackWithRedisTests extends OwnerLoginUnderAttackTests {

    public static class LongQueueInRedis extends OwnerLoginUnderAttackTests.LongQueue {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> overrides = new HashMap<>(super.getConfigOverrides());
            overrides.put("lab.auth.store", "redis");
            return overrides;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(RedisServerResource.class));
        }
    }
}
