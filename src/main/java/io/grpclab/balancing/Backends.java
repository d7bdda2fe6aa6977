package io.grpclab.balancing;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The backends of each gateway channel, by channel name, as its balancer ({@link ObservedRoundRobinProvider}) sees
 * them. Static because grpc-java creates balancers through its own registry, not CDI; a channel's balancer replaces
 * its entry when it starts (dev mode's restarts create new channels).
 */
public final class Backends {

    private static final Map<String, Map<Object, BackendState>> BY_CHANNEL = new ConcurrentHashMap<>();

    private Backends() {
    }

    /** The backends of a channel, by address; empty before it resolved its target. */
    public static List<BackendState.View> of(String channel) {
        Map<Object, BackendState> backends = BY_CHANNEL.get(channel);
        return backends == null ? List.of()
                : backends.values().stream().map(BackendState::view)
                        .sorted(Comparator.comparing(BackendState.View::address)).toList();
    }

    /** Each backend's last changes of state and health, by address. */
    public static Map<String, List<BackendState.Change>> changes(String channel) {
        Map<Object, BackendState> backends = BY_CHANNEL.getOrDefault(channel, Map.of());
        Map<String, List<BackendState.Change>> changes = new TreeMap<>();
        backends.values().forEach(backend -> changes.put(backend.view().address(), backend.changes()));
        return changes;
    }

    /** Drops a channel's table: a lab run's channel, once the run ended. */
    public static void forget(String channel) {
        BY_CHANNEL.remove(channel);
    }

    /** A new, empty table for a channel's balancer, keyed by grpc-java's internal subchannel. */
    static Map<Object, BackendState> register(String channel) {
        Map<Object, BackendState> backends = new ConcurrentHashMap<>();
        BY_CHANNEL.put(channel, backends);
        return backends;
    }
}
