package io.grpclab.grpc;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import io.grpc.Metadata;
import io.smallrye.common.net.CidrAddress;
import io.smallrye.common.net.Inet;

/**
 * Who the caller is behind proxies, one rule for the HTTP gateway ({@code X-Forwarded-For}) and the gRPC server
 * ({@code x-forwarded-for} metadata): the peer, unless it is a trusted proxy; then the rightmost hop of the header
 * that is not a trusted proxy. Each proxy appends the address it saw, so hops to the left of the last untrusted one
 * were written by the client itself and could say anything; the leftmost hop is taken only when every hop is
 * trusted.
 */
public final class ForwardedFor {

    public static final Metadata.Key<String> KEY = MetadataValues.asciiKey("x-forwarded-for");
    public static final String HTTP_HEADER = "X-Forwarded-For";

    private ForwardedFor() {
    }

    /**
     * The trusted proxies as a test of an address: each entry an IP address ({@code 10.0.0.1}, {@code [::1]}, a port
     * after it is ignored) or a CIDR range ({@code 10.0.0.0/8}). Host names are refused: a test per request must not
     * wait for DNS.
     *
     * @param key the configuration key the entries come from, named when one is refused
     * @throws IllegalArgumentException naming the key and the entry that is neither
     */
    public static Predicate<String> trusting(String key, List<String> entries) {
        List<CidrAddress> ranges = new ArrayList<>();
        Set<String> singles = new HashSet<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            CidrAddress range = trimmed.contains("/") ? Inet.parseCidrAddress(trimmed) : single(host(trimmed));
            if (range == null) {
                throw new IllegalArgumentException(key + ": a trusted proxy must be an IP address or a CIDR range "
                        + "(host names are not resolved), was: " + entry);
            }
            ranges.add(range);
            if (!trimmed.contains("/")) { // as written, and as the connection reports it (0:0:0:0:0:0:0:1 for ::1)
                singles.add(host(trimmed));
                singles.add(range.getNetworkAddress().getHostAddress());
            }
        }
        Set<String> literals = Set.copyOf(singles);
        return address -> {
            if (address != null && literals.contains(address)) {
                return true; // the usual peer, a listed proxy: no address parsed per request
            }
            InetAddress parsed = address == null ? null : Inet.parseInetAddress(address);
            if (parsed != null) {
                for (CidrAddress range : ranges) {
                    if (range.matches(parsed)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    /** Every value of a header sent on several lines, as the one comma-separated list they mean; null for none. */
    public static String joined(Iterable<String> values) {
        if (values == null) {
            return null;
        }
        String joined = null;
        for (String value : values) {
            joined = joined == null ? value : joined + "," + value;
        }
        return joined;
    }

    /**
     * @param peer the address the connection comes from
     * @param header the X-Forwarded-For value (comma-separated hops, oldest first), or null
     */
    public static String client(String peer, String header, Predicate<String> trusted) {
        return client(peer, trusted.test(peer), header, trusted);
    }

    /**
     * @param peerTrusted whether the connection's peer is a trusted proxy, by its address or otherwise (a client
     *        certificate); the hops in the header are tested by {@code trusted}
     */
    public static String client(String peer, boolean peerTrusted, String header, Predicate<String> trusted) {
        if (header == null || header.isBlank() || !peerTrusted) {
            return peer;
        }
        String[] hops = header.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = host(hops[i].trim());
            if (!hop.isEmpty() && (i == 0 || !trusted.test(hop))) {
                return hop;
            }
        }
        return peer;
    }

    private static CidrAddress single(String address) {
        InetAddress parsed = Inet.parseInetAddress(address);
        return parsed == null ? null : CidrAddress.create(parsed, parsed.getAddress().length * 8);
    }

    /**
     * {@code 1.2.3.4:5678} → {@code 1.2.3.4}, {@code [::1]:80} → {@code ::1}; a bare IPv6 address
     * stays as it is.
     */
    private static String host(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end > 0 ? hop.substring(1, end) : hop;
        }
        int colon = hop.indexOf(':');
        return colon > 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }
}
