package io.grpclab.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;

/**
 * A {@link RedisServer} and a Vert.x Redis client on it for a test class without Quarkus:
 * {@code @RegisterExtension static final RedisServerExtension REDIS = new RedisServerExtension();}.
 */
public final class RedisServerExtension implements BeforeAllCallback, AfterAllCallback {

    private RedisServer server;
    private Vertx vertx;
    private Redis client;

    @Override
    public void beforeAll(ExtensionContext context) {
        RedisServer.require();
        server = RedisServer.started();
        vertx = Vertx.vertx();
        client = Redis.createClient(vertx, server.uri());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (client != null) {
            client.close();
            vertx.closeAndAwait();
        }
        if (server != null) {
            server.close();
        }
    }

    public Redis client() {
        return client;
    }

    public String uri() {
        return server.uri();
    }

    /** Another client: on the same Redis, or on one nobody listens on (what a store sees when Redis is gone). */
    public Redis clientFor(String uri) {
        return Redis.createClient(vertx, uri);
    }
}
