package io.grpclab.auth.store;

import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Typed;
import jakarta.inject.Inject;

import io.grpclab.auth.AuthConfig;
import io.grpclab.auth.SessionStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * Sessions in Redis, shared by every replica: a hash per session ({@code lab:session:<id>}) whose TTL is its idle
 * deadline, moved by every use and never past the absolute one, and a pointer per user
 * ({@code lab:user-session:<user>}, kept until the absolute deadline) by which a new login ends the user's older
 * session on whichever replica made it.
 * Each operation is one Lua script, so replicas never see half of one. Deadlines are computed from this process's
 * clock and sent as relative TTLs, so a skew between the replicas and Redis moves no deadline; replicas' clocks should
 * agree (NTP), as they must for tokens' exp anyway.
 */
@ApplicationScoped
@Typed(RedisSessionStore.class) // the SessionStore is the one lab.auth.store picks (StateStores)
class RedisSessionStore implements SessionStore {

    static final String SESSION_PREFIX = "lab:session:";
    static final String USER_PREFIX = "lab:user-session:";

    /** KEYS: the session, the user's pointer. ARGV: id, user, roles, now, idle deadline, absolute deadline. */
    private static final String CREATE = """
            local old = redis.call('GET', KEYS[2])
            if old then redis.call('DEL', '%s' .. old) end
            redis.call('HSET', KEYS[1], 'user', ARGV[2], 'roles', ARGV[3], 'created', ARGV[4], 'used', ARGV[4],
                'idle', ARGV[5], 'absolute', ARGV[6])
            redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]) - tonumber(ARGV[4]))
            redis.call('SET', KEYS[2], ARGV[1], 'PX', tonumber(ARGV[6]) - tonumber(ARGV[4]))
            return 1
            """.formatted(SESSION_PREFIX);

    /** KEYS: the session. ARGV: now, idle timeout. The session's fields, or nil when it is unknown or has ended. */
    private static final String USE = """
            local f = redis.call('HMGET', KEYS[1], 'user', 'roles', 'created', 'idle', 'absolute')
            if not f[5] then return false end
            local now = tonumber(ARGV[1])
            local absolute = tonumber(f[5])
            local idle = math.min(now + tonumber(ARGV[2]), absolute)
            if tonumber(f[4]) <= now or idle <= now then
                redis.call('DEL', KEYS[1])
                return false
            end
            local idleText = string.format('%d', idle)
            redis.call('HSET', KEYS[1], 'used', ARGV[1], 'idle', idleText)
            redis.call('PEXPIRE', KEYS[1], string.format('%d', idle - now))
            return {f[1], f[2], f[3], ARGV[1], idleText, f[5]}
            """;

    private final Redis redis;
    private final Clock clock;
    private final long idleMs;
    private final long absoluteMs;
    private final StoreCalls calls;
    private final SessionIds ids = new SessionIds();

    /** The client is looked up, not injected: it is inactive (no quarkus.redis.hosts) where the store is memory. */
    @Inject
    RedisSessionStore(Instance<Redis> redis, AuthConfig config) {
        this(redis.get(), config, Clock.systemUTC());
    }

    RedisSessionStore(Redis redis, AuthConfig config, Clock clock) {
        this.redis = redis;
        this.clock = clock;
        this.idleMs = config.session().idleTimeout().toMillis();
        this.absoluteMs = config.session().absoluteTimeout().toMillis();
        this.calls = new StoreCalls(config.storeTimeout());
    }

    @Override
    public Uni<Session> create(String user, List<String> roles) {
        long now = clock.millis();
        Session session = new Session(ids.newId(), user, List.copyOf(roles), now, now, Math.min(now + idleMs,
                now + absoluteMs), now + absoluteMs);
        Request create = Request.cmd(Command.EVAL).arg(CREATE).arg(2).arg(SESSION_PREFIX + session.id())
                .arg(USER_PREFIX + user).arg(session.id()).arg(user).arg(String.join(",", session.roles()))
                .arg(now).arg(session.idleExpiresAtMs()).arg(session.absoluteExpiresAtMs());
        return calls.send(redis, create).replaceWith(session);
    }

    @Override
    public Uni<Optional<Session>> use(String id) {
        if (id == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        Request use = Request.cmd(Command.EVAL).arg(USE).arg(1).arg(SESSION_PREFIX + id).arg(clock.millis())
                .arg(idleMs);
        return calls.send(redis, use).map(fields -> Optional.ofNullable(fields).map(f -> new Session(id,
                f.get(0).toString(), roles(f.get(1).toString()), f.get(2).toLong(), f.get(3).toLong(),
                f.get(4).toLong(), f.get(5).toLong())));
    }

    @Override
    public Uni<Boolean> revoke(String id) {
        if (id == null) {
            return Uni.createFrom().item(false);
        }
        return calls.send(redis, Request.cmd(Command.DEL).arg(SESSION_PREFIX + id))
                .map(deleted -> deleted != null && deleted.toLong() > 0);
    }

    private static List<String> roles(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.split(","));
    }
}
