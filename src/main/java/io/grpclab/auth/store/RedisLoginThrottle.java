package io.grpclab.auth.store;

import java.time.Duration;
import java.util.UUID;
import java.util.function.LongSupplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.grpclab.auth.AuthConfig;
import io.grpclab.auth.LoginThrottle;
import io.grpclab.auth.LoginThrottledException;
import io.grpclab.auth.StoreUnavailableException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The login throttle's counts in Redis, so that failed logins on every replica count against one limit: a hash per
 * window ({@code lab:throttle:client:<client>}, {@code lab:throttle:pair:<client>|<user>},
 * {@code lab:throttle:user:<user>}) with its count, its start and, for a user, the next turn. A reservation is one Lua
 * script, so two replicas never both take the last place. Windows are measured on the replicas' clock (sent with each
 * call) and also carry a TTL of one window, so that Redis forgets them.
 */
@ApplicationScoped
@Typed(RedisLoginThrottle.class) // the LoginThrottle is the one lab.auth.store picks (StateStores)
class RedisLoginThrottle implements LoginThrottle {

    static final String PREFIX = "lab:throttle:";

    /**
     * KEYS: client, pair, user, this reservation. ARGV: now, window, per-client limit, per-pair limit, user delay
     * after, user delay, user max delay, patience (ms). Answers {ok, wait ms}, {refused, ms left in the window},
     * {wait, ms to the turn}, or {released} when the caller gave the reservation up before it ran.
     * The user's spacing is LoginThrottle.userDelay's rule; the pair's first attempt in its window goes out of turn.
     */
    private static final String RESERVE = """
            if redis.call('EXISTS', KEYS[4]) == 1 then return {'released', '0'} end
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local function open(key)
              local start = tonumber(redis.call('HGET', key, 'start') or '-1')
              if start < 0 or now - start >= window then
                redis.call('DEL', key)
                redis.call('HSET', key, 'start', ARGV[1], 'count', 0, 'next', ARGV[1])
                redis.call('PEXPIRE', key, ARGV[2])
              end
            end
            local function left(key)
              return string.format('%d', window - (now - tonumber(redis.call('HGET', key, 'start'))))
            end
            local function take(key, limit)
              open(key)
              if redis.call('HINCRBY', key, 'count', 1) > tonumber(limit) then
                redis.call('HINCRBY', key, 'count', -1)
                return false
              end
              return true
            end
            if not take(KEYS[1], ARGV[3]) then return {'refused', left(KEYS[1])} end
            if not take(KEYS[2], ARGV[4]) then
              redis.call('HINCRBY', KEYS[1], 'count', -1)
              return {'refused', left(KEYS[2])}
            end
            open(KEYS[3])
            local over = redis.call('HINCRBY', KEYS[3], 'count', 1) - tonumber(ARGV[5])
            if tonumber(redis.call('HGET', KEYS[2], 'count')) == 1 then
              redis.call('SET', KEYS[4], 'held', 'PX', ARGV[2])
              return {'ok', '0'}
            end
            local spacing = 0
            if over > 0 then spacing = math.min(tonumber(ARGV[6]) * 2 ^ math.min(over - 1, 30), tonumber(ARGV[7])) end
            local nextTurn = tonumber(redis.call('HGET', KEYS[3], 'next'))
            local turn = math.max(now, nextTurn)
            if turn - now > tonumber(ARGV[8]) then
              for i = 1, 3 do redis.call('HINCRBY', KEYS[i], 'count', -1) end
              return {'wait', string.format('%d', math.max(0, nextTurn - now))}
            end
            redis.call('HSET', KEYS[3], 'next', string.format('%d', turn + spacing))
            redis.call('SET', KEYS[4], 'held', 'PX', ARGV[2])
            return {'ok', string.format('%d', turn - now)}
            """;

    /**
     * KEYS: client, pair, user. ARGV: now, window, per-client limit, per-pair limit. {ok} (the pair forgiven),
     * {refused, ms left} when a window is full, {wait} when the pair has failed and the user's turn is still ahead.
     * Counts nothing.
     */
    private static final String ADMIT_VERIFIED = """
            local now = tonumber(ARGV[1])
            local window = tonumber(ARGV[2])
            local function full(key, limit)
              local f = redis.call('HMGET', key, 'start', 'count')
              if not f[1] or now - tonumber(f[1]) >= window then return nil end
              if tonumber(f[2]) >= tonumber(limit) then
                return string.format('%d', window - (now - tonumber(f[1])))
              end
              return nil
            end
            local left = full(KEYS[1], ARGV[3])
            if left then return {'refused', left} end
            left = full(KEYS[2], ARGV[4])
            if left then return {'refused', left} end
            local p = redis.call('HMGET', KEYS[2], 'start', 'count')
            local failed = p[1] and now - tonumber(p[1]) < window and tonumber(p[2]) > 0
            local u = redis.call('HMGET', KEYS[3], 'start', 'next')
            if failed and u[1] and now - tonumber(u[1]) < window and tonumber(u[2]) > now then
              return {'wait', '0'}
            end
            redis.call('DEL', KEYS[2])
            return {'ok', '0'}
            """;

    /** KEYS: client, pair, user. The client's and the user's counts go down; the pair is forgiven. */
    private static final String SUCCEEDED = """
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HINCRBY', KEYS[1], 'count', -1) end
            if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('HINCRBY', KEYS[3], 'count', -1) end
            redis.call('DEL', KEYS[2])
            return 1
            """;

    /**
     * KEYS: client, pair, user, the reservation; ARGV: window. For a caller that stopped waiting for RESERVE's reply:
     * a reservation held is given back; one that has not run yet is marked, so that it never counts. Either order of
     * arrival at Redis ends with nothing counted.
     */
    private static final String RELEASE = """
            local state = redis.call('GET', KEYS[4])
            if state == 'held' then
              for i = 1, 3 do
                if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('HINCRBY', KEYS[i], 'count', -1) end
              end
            end
            if state ~= 'released' then redis.call('SET', KEYS[4], 'released', 'PX', ARGV[1]) end
            return 1
            """;

    /** KEYS: client, pair, user. Every count goes down (a window that has ended is left alone). */
    private static final String ABANDONED = """
            for i = 1, 3 do
              if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('HINCRBY', KEYS[i], 'count', -1) end
            end
            return 1
            """;

    private final Limits limits;
    private final Redis redis;
    private final LongSupplier nowMillis;
    private final StoreCalls calls;

    /** The client is looked up, not injected: it is inactive (no quarkus.redis.hosts) where the store is memory. */
    @Inject
    RedisLoginThrottle(Instance<Redis> redis, AuthConfig config) {
        this(Limits.of(config.throttle()), redis.get(), System::currentTimeMillis, config.storeTimeout());
    }

    RedisLoginThrottle(Limits limits, Redis redis, LongSupplier nowMillis, Duration timeout) {
        this.limits = limits;
        this.redis = redis;
        this.nowMillis = nowMillis;
        this.calls = new StoreCalls(timeout);
    }

    @Override
    public Uni<Attempt> reserve(String user, String client, Duration patience) {
        String clientKey = LoginThrottle.clientKey(client);
        String[] keys = { PREFIX + "client:" + clientKey, PREFIX + "pair:" + clientKey + "|" + user,
                PREFIX + "user:" + user };
        String reservation = PREFIX + "reservation:" + UUID.randomUUID();
        Duration wait = patience.compareTo(limits.userMaxDelay()) < 0 ? patience : limits.userMaxDelay();
        Request reserve = Request.cmd(Command.EVAL).arg(RESERVE).arg(4).arg(keys[0]).arg(keys[1]).arg(keys[2])
                .arg(reservation)
                .arg(nowMillis.getAsLong()).arg(limits.window().toMillis()).arg(limits.perClient())
                .arg(limits.perUserAndClient()).arg(limits.userDelayAfter()).arg(limits.userDelay().toMillis())
                .arg(limits.userMaxDelay().toMillis()).arg(wait.toMillis());
        return calls.send(redis, reserve)
                // a reply that came too late (or never) may follow a reservation Redis made: give it back, or a store
                // hiccup would count as failed logins until the window ends (when Redis is down, this fails too)
                .onFailure(StoreUnavailableException.class).invoke(failure -> release(keys, reservation))
                .map(answer -> {
                    Duration millis = Duration.ofMillis(answer.get(1).toLong());
                    return switch (answer.get(0).toString()) {
                        case "ok" -> new RedisAttempt(keys, millis);
                        case "released" -> throw new StoreUnavailableException(null); // given up meanwhile
                        default -> throw new LoginThrottledException(millis);
                    };
                });
    }

    @Override
    public Uni<Boolean> admitVerified(String user, String client) {
        String clientKey = LoginThrottle.clientKey(client);
        Request admit = Request.cmd(Command.EVAL).arg(ADMIT_VERIFIED).arg(3).arg(PREFIX + "client:" + clientKey)
                .arg(PREFIX + "pair:" + clientKey + "|" + user).arg(PREFIX + "user:" + user)
                .arg(nowMillis.getAsLong()).arg(limits.window().toMillis()).arg(limits.perClient())
                .arg(limits.perUserAndClient());
        return calls.send(redis, admit).map(answer -> switch (answer.get(0).toString()) {
            case "ok" -> true;
            case "wait" -> false;
            default -> throw new LoginThrottledException(Duration.ofMillis(answer.get(1).toLong()));
        });
    }

    /** Best effort, not waited for: the login has already failed with the store's failure. */
    private void release(String[] keys, String reservation) {
        calls.send(redis, Request.cmd(Command.EVAL).arg(RELEASE).arg(4).arg(keys[0]).arg(keys[1]).arg(keys[2])
                .arg(reservation).arg(limits.window().toMillis())).subscribe().with(done -> {
                }, ignored -> {
                });
    }

    private Uni<Void> run(String script, String[] keys) {
        return calls.send(redis, Request.cmd(Command.EVAL).arg(script).arg(3).arg(keys[0]).arg(keys[1]).arg(keys[2]))
                .replaceWithVoid();
    }

    private final class RedisAttempt implements Attempt {
        private final String[] keys;
        private final Duration delay;

        RedisAttempt(String[] keys, Duration delay) {
            this.keys = keys;
            this.delay = delay;
        }

        @Override
        public Duration delay() {
            return delay;
        }

        @Override
        public Uni<Void> succeeded() {
            return run(SUCCEEDED, keys);
        }

        @Override
        public Uni<Void> abandoned() {
            return run(ABANDONED, keys);
        }
    }
}
