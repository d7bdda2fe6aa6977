package io.grpclab.auth;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;

import io.smallrye.common.net.Inet;
import io.smallrye.mutiny.Uni;

/**
 * Failed logins, counted in fixed windows from each key's first failure, three ways:
 * <ul>
 * <li>per user and client, a hard limit: past it, that client is refused for that user until the window ends;</li>
 * <li>per client, a hard limit whatever the user: one client guessing many users is refused;</li>
 * <li>per user from every client, a soft limit: past it, logins for the user are spaced out, each at least a delay
 * after the one before, the delay doubling with every failure up to {@code user-max-delay}. A login waits for its
 * turn (a timer, no thread) unless that is longer than {@code user-max-delay} or its own deadline; then it is refused
 * with the time to come back.</li>
 * </ul>
 * The spacing is for clients that have failed: a login from a client with no failure for that user in the window
 * (none pending either) is checked at once, out of turn, and takes no place in the queue. So an owner who types the
 * right password gets in while strangers keep the account's queue full, and a stranger gets one guess per window
 * from each address before its next ones wait their turn. A success forgives that client's failures for the user,
 * not the user's from elsewhere: the owner's login must not hand the strangers a fresh allowance.
 * <p>
 * An attempt is reserved before its password is checked and counts as a failure until it succeeds (or is abandoned
 * before its check): forty simultaneous wrong passwords check at most the limit, the rest are refused without a
 * bcrypt round. A client is an address; an IPv6 client is its /64, which one subscriber usually holds whole. The
 * counts live in memory ({@link InMemoryLoginThrottle}) or in Redis ({@link RedisLoginThrottle}, one limit across
 * replicas), with the sessions ({@code lab.auth.store}).
 */
public interface LoginThrottle {

    /** The limits, from {@code lab.auth.throttle.*}. */
    record Limits(int perUserAndClient, int perClient, int userDelayAfter, Duration userDelay,
            Duration userMaxDelay, Duration window) {

        public static Limits of(AuthConfig.Throttle config) {
            return new Limits(config.maxFailuresPerUserAndClient(), config.maxFailuresPerClient(),
                    config.userDelayAfter(), config.userDelay(), config.userMaxDelay(), config.window());
        }
    }

    /** A reserved attempt: check the password after {@link #delay()}, and say how it went. */
    interface Attempt {

        /** How long to wait before checking the password: zero but for a user past its soft limit. */
        Duration delay();

        /**
         * The password was right: this attempt counts for nothing and the pair's failures are forgiven; the client's
         * others and the user's from other clients stay. Done when the Uni completes (subscribe to it; the login's
         * answer need not wait for it).
         */
        Uni<Void> succeeded();

        /** The caller left before the password was checked: the attempt counts for nothing. */
        Uni<Void> abandoned();
    }

    /**
     * Reserves an attempt for this user from this client.
     *
     * @param patience the longest the caller can wait for its turn (its deadline); {@code user-max-delay} at most
     * @return the attempt; or a failure: {@link LoginThrottledException} when the client has failed too often, for
     *         this user or at all, or when the user's next turn is further away than the caller can wait;
     *         {@link StoreUnavailableException} when the counts cannot be read
     */
    Uni<Attempt> reserve(String user, String client, Duration patience);

    /**
     * For credentials already verified (a cache hit), which a Basic client sends with every call: admitted without
     * being counted when the client is under its limits and it has no failure for the user or the user's turn has
     * come, and the pair's failures forgiven, as a success forgives them. Counting each such call as a failure until
     * its success was recorded made concurrent correct calls from one address hit the client's limit.
     *
     * @return true when admitted; false when the client has failed for the user and the user's turn is still ahead
     *         (then {@link #reserve} as usual); a failure with {@link LoginThrottledException} when the client is
     *         over a limit
     */
    Uni<Boolean> admitVerified(String user, String client);

    /**
     * The spacing of a user's logins after this many failures: none up to the threshold, then doubling to the cap.
     * (RedisLoginThrottle's script computes the same, in Lua.)
     */
    static Duration userDelay(Limits limits, int failures) {
        int over = failures - limits.userDelayAfter();
        if (over <= 0) {
            return Duration.ZERO;
        }
        Duration delay = limits.userDelay().multipliedBy(1L << Math.min(over - 1, 30));
        return delay.compareTo(limits.userMaxDelay()) > 0 ? limits.userMaxDelay() : delay;
    }

    /** An IPv6 address counts as its /64 (an IPv4-mapped one as its IPv4 address); anything else as itself. */
    static String clientKey(String client) {
        Inet6Address v6 = client == null ? null : Inet.parseInet6Address(client);
        if (v6 == null) {
            return client;
        }
        byte[] bytes = v6.getAddress();
        boolean mapped = bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
        for (int i = 0; i < 10 && mapped; i++) {
            mapped = bytes[i] == 0;
        }
        try {
            if (mapped) {
                return InetAddress.getByAddress(Arrays.copyOfRange(bytes, 12, 16)).getHostAddress();
            }
            Arrays.fill(bytes, 8, 16, (byte) 0);
            return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
        } catch (UnknownHostException impossible) {
            return client;
        }
    }
}
