package io.grpclab.lab.keepalive;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpclab.lab.keepalive.SilentPeerReport.TimelineEntry;
import io.grpclab.lab.network.ActiveFault;
import io.grpclab.lab.network.ConnectionRecord;
import io.grpclab.lab.network.Direction;
import io.grpclab.lab.network.Fault;
import io.grpclab.lab.network.FaultProxy;

/**
 * One silent-peer run's channel and proxy, and what they saw: the channel's state changes (asked of grpc-java each
 * time it changes), when the silence began, and when the client gave the connection up. Closing it closes both.
 */
final class SilentPeerRun implements AutoCloseable {

    private final FaultProxy proxy;
    private final ManagedChannel channel;
    private final long startNanos = System.nanoTime();
    private final Instant start = Instant.now();
    private final ChannelStates states;
    private volatile ActiveFault silence;
    private volatile Long silenceAtMs;
    private volatile Long detectedAtMs;
    private volatile boolean closed;

    SilentPeerRun(FaultProxy proxy, ManagedChannel channel) {
        this.proxy = proxy;
        this.channel = channel;
        this.states = new ChannelStates(channel, startNanos, this::changed);
    }

    ManagedChannel channel() {
        return channel;
    }

    /** The peer of the open connection goes silent, both ways, for at most {@code duration}; new ones go through. */
    void silence(Duration duration) {
        if (closed) {
            return; // the call ended first
        }
        silence = proxy.add(new Fault.Silence(Direction.BOTH), duration, true);
        silenceAtMs = sinceStart();
    }

    Long silenceAtMs() {
        return silenceAtMs;
    }

    Long detectedAtMs() {
        return detectedAtMs;
    }

    long sinceStart() {
        return states.sinceStart();
    }

    /** The channel's states and the proxy's events, on the call's time line. */
    List<TimelineEntry> timeline() {
        List<TimelineEntry> timeline = new ArrayList<>(states.entries());
        for (ConnectionRecord.View connection : proxy.connections()) {
            long opened = Duration.between(start, connection.opened()).toMillis();
            timeline.add(new TimelineEntry(opened, "proxy", "connection " + connection.id() + " opened"));
            connection.events().forEach(event -> timeline.add(new TimelineEntry(opened + event.atMs(), "proxy",
                    "connection " + connection.id() + ": " + event.what())));
            if (connection.closedAtMs() != null) {
                timeline.add(new TimelineEntry(opened + connection.closedAtMs(), "proxy", "connection "
                        + connection.id() + " closed by " + connection.closedBy() + " (" + connection.closedHow() + ")"));
            }
        }
        timeline.sort(Comparator.comparingLong(TimelineEntry::atMs));
        return timeline;
    }

    List<ConnectionRecord.View> connections() {
        return proxy.connections();
    }

    @Override
    public void close() {
        closed = true;
        channel.shutdownNow();
        proxy.close();
    }

    /**
     * Leaving READY after the silence began is the client giving the connection up; the silence then ends, as a
     * network that recovers.
     */
    private void changed(ConnectivityState from, ConnectivityState to) {
        if (from == ConnectivityState.READY && silence != null && detectedAtMs == null) {
            detectedAtMs = sinceStart();
            proxy.remove(silence.id());
        }
    }
}
