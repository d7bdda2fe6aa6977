package io.grpclab.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts redis-server for the app under test and points quarkus.redis.hosts at it (see {@link RequiresRedis}). */
public class RedisServerResource implements QuarkusTestResourceLifecycleManager {

    private static volatile RedisServer server;

    /** The server the app was given: a test may stop and start it. */
    public static RedisServer server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        RedisServer.require();
        server = RedisServer.started();
        return Map.of("quarkus.redis.hosts", server.uri());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
