package io.grpclab.balancing;

import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.LongAdder;

import io.grpc.ConnectivityState;
import io.grpc.ConnectivityStateInfo;
import io.grpc.Status;

/**
 * What a gateway channel knows of one backend: its connection's state, what the backend last said about its health,
 * and how many call attempts the balancer sent it. Written by the channel (state, health) and by pickers (picks).
 */
public final class BackendState {

    /** A backend as a report shows it. */
    public record View(String address, String state, String detail, String health, boolean inRotation, long picks,
            Instant since) {
    }

    /** A change of state or health, as grpc-java told it, and whether the backend was in rotation after it. */
    public record Change(Instant at, String state, String health, boolean inRotation) {
    }

    private static final int MAX_CHANGES = 32;

    private final String address;
    private final Deque<Change> changes = new ConcurrentLinkedDeque<>();
    private final LongAdder picks = new LongAdder();
    private volatile ConnectivityStateInfo state = ConnectivityStateInfo.forNonError(ConnectivityState.IDLE);
    private volatile String health;
    private volatile boolean passes = true;
    private volatile Instant since = Instant.now();

    BackendState(String address) {
        this.address = address;
    }

    void connectivity(ConnectivityStateInfo state) {
        this.state = state;
        this.since = Instant.now();
        remember();
    }

    /**
     * What the backend's health Watch stream said (SERVING, NOT_SERVING, ...) or how it ended, and whether grpc-java
     * keeps the backend in rotation for it.
     */
    void health(String health, boolean passes) {
        this.health = health;
        this.passes = passes;
        this.since = Instant.now();
        remember();
    }

    /** The last changes, oldest first (rare: connections and health, never calls). */
    public List<Change> changes() {
        return List.copyOf(changes);
    }

    private void remember() {
        View now = view();
        changes.addLast(new Change(since, now.state(), now.health(), now.inRotation()));
        while (changes.size() > MAX_CHANGES) {
            changes.pollFirst();
        }
    }

    void picked() {
        picks.increment();
    }

    public View view() {
        ConnectivityStateInfo current = state;
        String checked = health;
        Status status = current.getStatus();
        boolean ready = current.getState() == ConnectivityState.READY;
        return new View(address, current.getState().name(), status.isOk() ? null : detail(status),
                checked == null ? "unchecked" : checked, ready && passes,
                picks.sum(), since);
    }

    /** The code and grpc-java's description, with the kind of the cause (not its message, which names addresses). */
    private static String detail(Status status) {
        StringBuilder text = new StringBuilder(status.getCode().name());
        if (status.getDescription() != null) {
            text.append(": ").append(status.getDescription());
        }
        if (status.getCause() != null) {
            text.append(" (").append(status.getCause().getClass().getSimpleName()).append(')');
        }
        return text.toString();
    }
}
