package io.grpclab.lab.network;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * One listener of the fault proxy: a loopback port that forwards each connection to the gRPC server, byte for byte
 * (TLS stays end to end), through the faults it holds. It keeps a record of each connection ({@link ConnectionRecord})
 * and is bounded: so many connections, so many faults, each for at most so long.
 */
public final class FaultProxy implements AutoCloseable {

    /** Records of closed connections kept, the newest. */
    static final int CLOSED_KEPT = 32;

    /** The bounds of a listener. */
    record Limits(int maxConnections, int maxFaults, Duration maxFaultDuration) {
    }

    private final String name;
    private final InetSocketAddress target;
    private final Limits limits;
    private final EventLoopGroup group;
    private final Channel listener;
    private final List<ActiveFault> faults = new CopyOnWriteArrayList<>();
    private final Set<Connection> open = ConcurrentHashMap.newKeySet();
    private final Deque<ConnectionRecord> closed = new ArrayDeque<>();
    private final AtomicInteger connectionIds = new AtomicInteger();
    private final AtomicInteger faultIds = new AtomicInteger();
    private final Runnable onClose;

    FaultProxy(String name, EventLoopGroup group, int port, InetSocketAddress target, Limits limits,
            Runnable onClose) throws InterruptedException {
        this.name = name;
        this.group = group;
        this.target = target;
        this.limits = limits;
        this.onClose = onClose;
        this.listener = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accepted(channel);
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
    }

    public String name() {
        return name;
    }

    /** The port it listens on (loopback only). */
    public int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    public InetSocketAddress target() {
        return target;
    }

    /** Adds a fault on every connection, new ones included, for {@code duration}; open connections meet it now. */
    public ActiveFault add(Fault fault, Duration duration) {
        return add(fault, duration, false);
    }

    /**
     * Adds a fault for {@code duration} (at most the listener's bound): on every connection, or only on those open now
     * ({@code openOnly}; refuse acts on new connections, so it is always on every one).
     */
    public ActiveFault add(Fault fault, Duration duration, boolean openOnly) {
        if (duration.isNegative() || duration.isZero() || duration.compareTo(limits.maxFaultDuration()) > 0) {
            throw new IllegalArgumentException("a fault lasts 1 ms to " + limits.maxFaultDuration().toMillis() + " ms");
        }
        if (faults.size() >= limits.maxFaults()) {
            throw new IllegalStateException(name + " already has " + limits.maxFaults() + " faults");
        }
        Instant now = Instant.now();
        Set<Integer> only = openOnly && !(fault instanceof Fault.Refuse)
                ? open.stream().map(connection -> connection.record().id()).collect(Collectors.toUnmodifiableSet())
                : null;
        ActiveFault active = new ActiveFault("f" + faultIds.incrementAndGet(), fault, now, now.plus(duration), only);
        faults.add(active);
        open.forEach(connection -> group.execute(() -> connection.met(active)));
        group.schedule(() -> remove(active.id()), duration.toNanos(), TimeUnit.NANOSECONDS);
        return active;
    }

    /** Removes a fault; false when there is none with that id (any more). */
    public boolean remove(String id) {
        for (ActiveFault fault : faults) {
            if (fault.id().equals(id) && faults.remove(fault)) {
                open.forEach(connection -> group.execute(() -> connection.ended(fault)));
                return true;
            }
        }
        return false;
    }

    /** Removes every fault. */
    public void clear() {
        faults.forEach(fault -> remove(fault.id()));
    }

    /** The faults in force now. */
    public List<ActiveFault> faults() {
        Instant now = Instant.now();
        return faults.stream().filter(fault -> fault.activeAt(now)).toList();
    }

    /** The records of the open connections, then of the last closed ones, oldest first. */
    public List<ConnectionRecord.View> connections() {
        List<ConnectionRecord> records = new ArrayList<>();
        synchronized (closed) {
            records.addAll(closed);
        }
        open.forEach(connection -> records.add(connection.record()));
        return records.stream().map(ConnectionRecord::view)
                .sorted((a, b) -> Integer.compare(a.id(), b.id())).toList();
    }

    /** Closes the listener and every connection through it (FIN), and drops its faults. */
    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        faults.clear();
        open.forEach(connection -> group.execute(() -> connection.finish("listener closed")));
        onClose.run();
    }

    ActiveFault active(String id) {
        Instant now = Instant.now();
        for (ActiveFault fault : faults) {
            if (fault.id().equals(id)) {
                return fault.activeAt(now) ? fault : null;
            }
        }
        return null;
    }

    /** How long the slowest bandwidth limit on this flow and connection takes to send so many bytes; 0 without one. */
    long transmitNanos(Direction flow, int bytes, int connection) {
        if (faults.isEmpty()) {
            return 0; // each read asks: without faults, not even the clock
        }
        long nanos = 0;
        Instant now = Instant.now();
        for (ActiveFault fault : faults) {
            if (fault.fault() instanceof Fault.Bandwidth limit && limit.direction().includes(flow)
                    && fault.on(connection) && fault.activeAt(now)) {
                nanos = Math.max(nanos, bytes * 1_000_000_000L / limit.bytesPerSecond());
            }
        }
        return nanos;
    }

    /** The latency the faults on this flow add to bytes read now, jitter drawn from {@code random}. */
    long latencyNanos(Direction flow, Random random, int connection) {
        if (faults.isEmpty()) {
            return 0; // each read asks: without faults, not even the clock
        }
        long nanos = 0;
        Instant now = Instant.now();
        for (ActiveFault fault : faults) {
            if (fault.fault() instanceof Fault.Latency latency && latency.direction().includes(flow)
                    && fault.on(connection) && fault.activeAt(now)) {
                long jitter = latency.jitterMs() == 0 ? 0 : random.nextLong(latency.jitterMs() * 1_000_000L + 1);
                nanos += latency.latencyMs() * 1_000_000L + jitter;
            }
        }
        return nanos;
    }

    void forget(Connection connection) {
        if (open.remove(connection)) {
            keep(connection.record());
        }
    }

    /** A fault in words, for the connections' records. */
    public static String describe(Fault fault) {
        if (fault instanceof Fault.Latency l) {
            return "latency " + l.latencyMs() + " ms + up to " + l.jitterMs() + " ms " + flow(l);
        } else if (fault instanceof Fault.Bandwidth b) {
            return "bandwidth " + b.bytesPerSecond() + " B/s " + flow(b);
        } else if (fault instanceof Fault.Silence s) {
            return "silence " + (s.afterMs() == null || s.afterMs() == 0 ? "" : "after " + s.afterMs() + " ms ")
                    + flow(s);
        } else if (fault instanceof Fault.Reset r) {
            return "reset" + (r.afterMs() == null ? "" : " after " + r.afterMs() + " ms")
                    + (r.afterBytes() == null ? "" : " after " + r.afterBytes() + " bytes " + flow(r));
        } else if (fault instanceof Fault.Close c) {
            return "close after " + c.afterMs() + " ms";
        }
        return "refuse new connections";
    }

    private static String flow(Fault fault) {
        return fault.direction().name().toLowerCase(Locale.ROOT);
    }

    private void accepted(SocketChannel channel) {
        ConnectionRecord record = new ConnectionRecord(connectionIds.incrementAndGet(), address(channel.remoteAddress()));
        String refused = faults().stream().anyMatch(f -> f.fault() instanceof Fault.Refuse) ? "a refuse fault is on"
                : open.size() >= limits.maxConnections() ? limits.maxConnections() + " connections are open" : null;
        if (refused != null) {
            record.closed("proxy: refused, " + refused, "RST");
            keep(record);
            channel.config().setOption(ChannelOption.SO_LINGER, 0);
            channel.close();
            return;
        }
        Connection connection = new Connection(this, record, channel);
        open.add(connection);
        connection.start(target);
    }

    private void keep(ConnectionRecord record) {
        synchronized (closed) {
            closed.addLast(record);
            while (closed.size() > CLOSED_KEPT) {
                closed.removeFirst();
            }
        }
    }

    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : String.valueOf(address);
    }
}
