package io.grpclab.lab.badnetwork;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.balancing.Backends;
import io.grpclab.balancing.Balancing;
import io.grpclab.edge.InvalidParameterException;
import io.grpclab.lab.badnetwork.BadNetworkReport.Backend;
import io.grpclab.lab.badnetwork.BadNetworkReport.Connection;
import io.grpclab.lab.badnetwork.BadNetworkReport.TimelineEntry;
import io.grpclab.lab.network.ActiveFault;
import io.grpclab.lab.network.ConnectionRecord;
import io.grpclab.lab.network.Fault;
import io.grpclab.lab.network.FaultProxies;
import io.grpclab.lab.network.FaultProxy;

/**
 * One run's links and channel: a fault proxy per backend (each in front of this app's gRPC server), and a channel of
 * the run's own over them (round robin, health-checked, when there are two), with the run's policy. Closing it closes
 * the channel and every listener, whatever happened.
 */
final class LinkRun implements AutoCloseable {

    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Duration READY_WITHIN = Duration.ofSeconds(10);

    private final String channelName = "bad-network-" + RUNS.incrementAndGet();
    private final List<FaultProxy> proxies = new ArrayList<>();
    private final Map<FaultProxy, ActiveFault> faults = new LinkedHashMap<>();
    private final Map<FaultProxy, Long> faultAtMs = new LinkedHashMap<>();
    private final long startNanos = System.nanoTime();
    private final Instant start = Instant.now();
    private ManagedChannel channel;

    /**
     * Opens {@code backends} listeners and a channel over them with {@code serviceConfig} (the policy) and what
     * {@code configure} adds (TLS, keepalive), and waits until every backend is connected, so that the faults meet
     * calls, not the connection set-up.
     */
    static LinkRun open(FaultProxies factory, int backends, Map<String, Object> serviceConfig,
            UnaryOperator<NettyChannelBuilder> configure) throws InterruptedException {
        LinkRun run = new LinkRun();
        try {
            for (int i = 1; i <= backends; i++) {
                try {
                    run.proxies.add(factory.open("bad-network-b" + i));
                } catch (IllegalStateException e) { // /demo off (too many runs at once: a 503 of its own)
                    throw new InvalidParameterException("backends", e.getMessage());
                }
            }
            Map<String, Object> config = new LinkedHashMap<>(serviceConfig);
            NettyChannelBuilder builder;
            if (backends == 1) {
                builder = NettyChannelBuilder.forAddress("localhost", run.proxies.get(0).port());
            } else {
                builder = NettyChannelBuilder.forTarget("static://" + String.join(",",
                        run.proxies.stream().map(p -> "localhost:" + p.port()).toList()));
                config.putAll(Balancing.serviceConfig(run.channelName));
            }
            run.channel = configure.apply(builder).defaultServiceConfig(config).enableRetry().maxRetryAttempts(100)
                    .maxHedgedAttempts(100).build(); // the policy's own maxAttempts are the caps that matter
            run.awaitConnected(backends);
            return run;
        } catch (RuntimeException | InterruptedException e) {
            run.close();
            throw e;
        }
    }

    ManagedChannel channel() {
        return channel;
    }

    long sinceStart() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Puts {@code fault} on backend {@code index} (0-based) for {@code duration}. */
    void fault(int index, Fault fault, Duration duration, boolean openOnly) {
        FaultProxy proxy = proxies.get(index);
        faults.put(proxy, proxy.add(fault, duration, openOnly));
        faultAtMs.put(proxy, sinceStart());
    }

    /** Backend names as attempts and reports use them: b1, b2, by the proxy's address. */
    String backendOf(String address) {
        for (int i = 0; i < proxies.size(); i++) {
            if (address != null && address.endsWith(":" + proxies.get(i).port())) {
                return name(i);
            }
        }
        return address;
    }

    List<Backend> backends() {
        List<Backend> backends = new ArrayList<>();
        for (int i = 0; i < proxies.size(); i++) {
            FaultProxy proxy = proxies.get(i);
            ActiveFault fault = faults.get(proxy);
            backends.add(new Backend(name(i), "localhost:" + proxy.port(),
                    fault == null ? null : FaultProxy.describe(fault.fault()), faultAtMs.get(proxy)));
        }
        return backends;
    }

    List<Connection> connections() {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < proxies.size(); i++) {
            for (ConnectionRecord.View record : proxies.get(i).connections()) {
                connections.add(new Connection(name(i), Duration.between(start, record.opened()).toMillis(), record));
            }
        }
        connections.sort(Comparator.comparingLong(Connection::openedAtMs));
        return connections;
    }

    /** Each backend's proxy events (connections opened, faults met, closes), in order. */
    List<TimelineEntry> timeline() {
        List<TimelineEntry> timeline = new ArrayList<>();
        for (Connection c : connections()) {
            String prefix = c.backend() + " connection " + c.record().id();
            timeline.add(new TimelineEntry(c.openedAtMs(), c.backend(), prefix + " opened"));
            c.record().events().forEach(event -> timeline.add(new TimelineEntry(c.openedAtMs() + event.atMs(),
                    c.backend(), prefix + ": " + event.what())));
            if (c.record().closedAtMs() != null) {
                timeline.add(new TimelineEntry(c.openedAtMs() + c.record().closedAtMs(), c.backend(), prefix
                        + " closed by " + c.record().closedBy() + " (" + c.record().closedHow() + ")"));
            }
        }
        Backends.changes(channelName).forEach((address, changes) -> changes.forEach(change -> timeline.add(
                new TimelineEntry(Duration.between(start, change.at()).toMillis(), backendOf(address),
                        backendOf(address) + " " + change.state() + ", health " + change.health()
                                + (change.inRotation() ? ", in rotation" : ", out of rotation")))));
        timeline.sort(Comparator.comparingLong(TimelineEntry::atMs));
        return timeline;
    }

    /** When a backend left the rotation after {@code afterMs}, and when it came back; nulls where it did not. */
    record Rotation(Long leftAtMs, Long backAtMs) {
    }

    Rotation rotation(String backend, long afterMs) {
        Long left = null;
        for (TimelineEntry entry : timeline()) {
            if (!entry.source().equals(backend) || entry.atMs() < afterMs || !entry.what().endsWith("rotation")) {
                continue;
            }
            boolean in = entry.what().endsWith(", in rotation");
            if (!in && left == null) {
                left = entry.atMs();
            } else if (in && left != null) {
                return new Rotation(left, entry.atMs());
            }
        }
        return new Rotation(left, null);
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.shutdownNow();
        }
        proxies.forEach(FaultProxy::close);
        Backends.forget(channelName);
    }

    private static String name(int index) {
        return "b" + (index + 1);
    }

    private void awaitConnected(int backends) throws InterruptedException {
        channel.getState(true);
        BooleanSupplier connected = backends == 1 ? () -> channel.getState(true) == ConnectivityState.READY
                : () -> Backends.of(channelName).stream() // health SERVING too: until then grpc-java holds it back
                        .filter(b -> b.inRotation() && "SERVING".equals(b.health())).count() == backends;
        long until = System.nanoTime() + READY_WITHIN.toNanos();
        while (!connected.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new IllegalStateException("the run's backends were not all connected within " + READY_WITHIN);
            }
            Thread.sleep(10); // grpc-java has no callback for a subchannel's state outside its balancer
        }
    }
}
