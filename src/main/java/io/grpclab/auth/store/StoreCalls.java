package io.grpclab.auth.store;

import java.time.Duration;

import io.grpclab.auth.StoreUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * One Redis command of a store, bounded in time: a Redis that cannot be reached, answers an error or does not answer
 * within {@code lab.auth.store-timeout} fails the call with {@link StoreUnavailableException}, never a hang or a 500.
 */
final class StoreCalls {

    private final Duration timeout;

    StoreCalls(Duration timeout) {
        this.timeout = timeout;
    }

    /** The reply; null for Redis's nil. */
    Uni<Response> send(Redis redis, Request request) {
        return redis.send(request).ifNoItem().after(timeout).fail()
                .onFailure().transform(StoreUnavailableException::new);
    }
}
