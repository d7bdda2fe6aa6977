package io.grpclab.lab.keepalive;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpclab.lab.keepalive.SilentPeerReport.TimelineEntry;

/**
 * Each state a channel goes through, as grpc-java reports it (asked anew after every change), on a run's time line;
 * a listener hears each change, from and to.
 */
final class ChannelStates {

    private final ManagedChannel channel;
    private final long startNanos;
    private final BiConsumer<ConnectivityState, ConnectivityState> listener;
    private final List<TimelineEntry> entries = new CopyOnWriteArrayList<>();

    ChannelStates(ManagedChannel channel, long startNanos) {
        this(channel, startNanos, (from, to) -> {
        });
    }

    ChannelStates(ManagedChannel channel, long startNanos, BiConsumer<ConnectivityState, ConnectivityState> listener) {
        this.channel = channel;
        this.startNanos = startNanos;
        this.listener = listener;
        ConnectivityState initial = channel.getState(false);
        entries.add(new TimelineEntry(sinceStart(), "channel", initial.name()));
        watch(initial);
    }

    List<TimelineEntry> entries() {
        return List.copyOf(entries);
    }

    long sinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private void watch(ConnectivityState current) {
        channel.notifyWhenStateChanged(current, () -> {
            ConnectivityState now = channel.getState(false);
            entries.add(new TimelineEntry(sinceStart(), "channel", now.name()));
            listener.accept(current, now);
            if (now != ConnectivityState.SHUTDOWN) {
                watch(now);
            }
        });
    }
}
