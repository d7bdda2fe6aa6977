package io.grpclab.lab.keepalive;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Effective keepalive settings of a grpc-java client and server, and whether they get along. The rules
 * are grpc-java's: a client keepalive time below 10 s is raised to 10 s; the server's KeepAliveEnforcer
 * counts a ping as a strike when it comes sooner than the permit time after the previous one, or with no
 * call in flight when idle pings are not permitted (then only one ping per 2 h is fine), and on the third
 * strike answers GOAWAY ENHANCE_YOUR_CALM "too_many_pings".
 */
public final class KeepaliveSettings {

    static final Duration CLIENT_MIN_TIME = Duration.ofSeconds(10);
    static final Duration IMPLICIT_PERMIT_TIME = Duration.ofHours(2);

    private KeepaliveSettings() {
    }

    /**
     * @param timeMs the configured ping interval, null when keepalive is off
     * @param effectiveTimeMs the interval grpc-java uses (at least 10 s), null when off
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Client(Long timeMs, Long effectiveTimeMs, long timeoutMs, boolean withoutCalls) {

        public static Client of(Duration time, Duration timeout, boolean withoutCalls) {
            Duration effective = time == null ? null : (time.compareTo(CLIENT_MIN_TIME) < 0 ? CLIENT_MIN_TIME : time);
            return new Client(time == null ? null : time.toMillis(), effective == null ? null : effective.toMillis(),
                    timeout.toMillis(), withoutCalls);
        }
    }

    /** The server's own pings, what it permits of clients, and how long it keeps connections. */
    public record Server(long timeMs, long timeoutMs, long permitTimeMs, boolean permitWithoutCalls,
            long maxConnectionIdleMs, long maxConnectionAgeMs, long maxConnectionAgeGraceMs) {
    }

    /** One rule, whether it holds, and why. */
    public record Check(String rule, boolean ok, String detail) {
    }

    public static List<Check> checks(Client client, Server server) {
        List<Check> checks = new ArrayList<>();
        if (client.effectiveTimeMs() == null) {
            checks.add(new Check("client pings within the server's permit", true,
                    "the client sends no keepalive pings"));
            return checks;
        }
        long every = client.effectiveTimeMs();
        boolean rateOk = every >= server.permitTimeMs();
        checks.add(new Check("client pings within the server's permit", rateOk, rateOk
                ? "the client pings every " + every + " ms; the server permits one every " + server.permitTimeMs()
                        + " ms or more"
                : "the client pings every " + every + " ms but the server permits one only every "
                        + server.permitTimeMs() + " ms: the third early ping gets GOAWAY ENHANCE_YOUR_CALM "
                        + "too_many_pings and every call on the connection fails with UNAVAILABLE"));
        if (client.withoutCalls()) {
            boolean idleOk = server.permitWithoutCalls() || every >= IMPLICIT_PERMIT_TIME.toMillis();
            checks.add(new Check("idle pings permitted", idleOk, idleOk
                    ? (server.permitWithoutCalls()
                            ? "the client pings with no call in flight and the server permits it"
                            : "the client pings idle connections at most every 2 h, which grpc-java servers allow")
                    : "the client pings with no call in flight but the server does not permit it "
                            + "(permit-keep-alive-without-calls=false): the third idle ping gets GOAWAY "
                            + "too_many_pings"));
        }
        return checks;
    }

    /** What differs from what the configuration seems to say, without breaking anything. */
    public static List<String> notes(Client client) {
        if (client.timeMs() != null && client.timeMs() < client.effectiveTimeMs()) {
            return List.of("the client asks for a ping every " + client.timeMs() + " ms; grpc-java raises that to its "
                    + "minimum of " + client.effectiveTimeMs() + " ms");
        }
        return List.of();
    }
}
