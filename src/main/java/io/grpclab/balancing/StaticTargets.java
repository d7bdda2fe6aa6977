package io.grpclab.balancing;

import java.util.ArrayList;
import java.util.List;

/**
 * The backends of a {@code static://} target: {@code static://node-a:9001,node-b:9002}. Entries are
 * {@code host[:port]}; the port after the last entry is the default for entries without one, so Quarkus's
 * {@code <name-resolver>://<host>:<port>} form works with {@code quarkus.grpc.clients.<name>.host} as the list:
 * {@code host=node-a,node-b} and {@code port=9000} give {@code static://node-a,node-b:9000}, two backends on port 9000.
 */
final class StaticTargets {

    /** One backend, as written. */
    public record HostAndPort(String host, int port) {
        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    private StaticTargets() {
    }

    /** The backends an authority names, in order and without duplicates; an error names what is wrong. */
    public static List<HostAndPort> parse(String authority) {
        if (authority == null || authority.isBlank()) {
            throw invalid(authority, "lists no backend");
        }
        int lastColon = authority.lastIndexOf(':');
        if (lastColon < 0 || lastColon < authority.lastIndexOf(',')) {
            throw invalid(authority, "has no port after its last entry");
        }
        int defaultPort = port(authority, authority.substring(lastColon + 1));
        List<HostAndPort> backends = new ArrayList<>();
        for (String entry : authority.substring(0, lastColon).split(",", -1)) {
            HostAndPort backend = entry(authority, entry.strip(), defaultPort);
            if (!backends.contains(backend)) {
                backends.add(backend);
            }
        }
        return List.copyOf(backends);
    }

    private static HostAndPort entry(String authority, String entry, int defaultPort) {
        int colon = entry.indexOf(':');
        String host = colon < 0 ? entry : entry.substring(0, colon);
        if (host.isEmpty() || !host.matches("[A-Za-z0-9.\\-_]+")) {
            throw invalid(authority, "has an entry that is not host[:port]: '" + entry + "' (IPv6: use a name)");
        }
        return new HostAndPort(host, colon < 0 ? defaultPort : port(authority, entry.substring(colon + 1)));
    }

    private static int port(String authority, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw invalid(authority, "has a port that is not 1-65535: '" + text + "'");
    }

    private static IllegalArgumentException invalid(String authority, String problem) {
        return new IllegalArgumentException("the static target '" + authority + "' " + problem
                + "; write host:port,host:port (quarkus.grpc.clients.<name>.host with name-resolver=static)");
    }
}
