package io.grpclab.lab.network;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * One proxied connection: the client's socket, the one the proxy opened to the server, a {@link Pipe} each way, and
 * its {@link ConnectionRecord}. Every method runs on the connection's event loop.
 */
final class Connection {

    private static final Logger LOG = Logger.getLogger(Connection.class);

    private final FaultProxy proxy;
    private final ConnectionRecord record;
    private final Channel client;
    private final Pipe upstream;
    private Channel server;
    private Pipe downstream;
    /** Bytes counted since a reset-after-bytes fault met the connection, by fault id. */
    private final Map<String, long[]> bytesSince = new HashMap<>();
    /** When each silence begins on this connection (System.nanoTime()), by fault id. */
    private final Map<String, Long> silentFrom = new HashMap<>();
    private boolean clientReset;
    private boolean serverReset;
    private boolean closing;
    private int sidesOpen = 1;

    Connection(FaultProxy proxy, ConnectionRecord record, Channel client) {
        this.proxy = proxy;
        this.record = record;
        this.client = client;
        this.upstream = new Pipe(Direction.UPSTREAM, this, client);
        client.pipeline().addLast(new Side(true));
    }

    FaultProxy proxy() {
        return proxy;
    }

    ConnectionRecord record() {
        return record;
    }

    /** Opens the server side; the client's bytes are read once it is open. */
    void start(InetSocketAddress target) {
        new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new Side(false))
                .connect(target).addListener((ChannelFuture connected) -> {
                    if (!connected.isSuccess()) {
                        record.event("could not reach the server: " + connected.cause().getMessage());
                        abort("server unreachable");
                        return;
                    }
                    server = connected.channel();
                    sidesOpen++;
                    if (!client.isActive()) { // the client left while the proxy was connecting
                        server.close();
                        return;
                    }
                    upstream.connect(server);
                    downstream = new Pipe(Direction.DOWNSTREAM, this, server);
                    downstream.connect(client);
                    record.event("connected to the server " + target.getPort());
                    proxy.faults().stream().filter(fault -> fault.on(record.id())).forEach(this::met);
                    client.config().setAutoRead(true);
                });
    }

    /** A fault meets the connection: recorded, and its timer started if it acts after a while. */
    void met(ActiveFault fault) {
        if (closing || record.isClosed() || !fault.on(record.id())) {
            return;
        }
        record.event(fault.id() + " " + FaultProxy.describe(fault.fault()) + " began");
        if (fault.fault() instanceof Fault.Silence silence) {
            long after = silence.afterMs() == null ? 0 : silence.afterMs();
            silentFrom.put(fault.id(), System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(after));
            if (after > 0) {
                client.eventLoop().schedule(() -> {
                    if (!closing && !record.isClosed() && proxy.active(fault.id()) != null) {
                        record.event(fault.id() + " silence now on");
                    }
                }, after, TimeUnit.MILLISECONDS);
            }
        } else if (fault.fault() instanceof Fault.Reset reset) {
            if (reset.afterBytes() != null) {
                bytesSince.put(fault.id(), new long[1]);
            }
            if (reset.afterMs() != null) {
                client.eventLoop().schedule(() -> act(fault, true), reset.afterMs(), TimeUnit.MILLISECONDS);
            }
        } else if (fault.fault() instanceof Fault.Close close) {
            client.eventLoop().schedule(() -> act(fault, false), close.afterMs(), TimeUnit.MILLISECONDS);
        }
    }

    void ended(ActiveFault fault) {
        if (!closing && !record.isClosed() && fault.on(record.id())) {
            record.event(fault.id() + " " + FaultProxy.describe(fault.fault()) + " ended");
        }
        bytesSince.remove(fault.id());
        silentFrom.remove(fault.id());
    }

    /** Whether bytes that flow this way are dropped now: a silence on this connection has begun. */
    boolean silent(Direction flow) {
        if (silentFrom.isEmpty()) {
            return false;
        }
        long now = System.nanoTime();
        for (Map.Entry<String, Long> silence : silentFrom.entrySet()) {
            ActiveFault active = proxy.active(silence.getKey());
            if (active != null && active.fault().direction().includes(flow) && now - silence.getValue() >= 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * How many of the next {@code bytes} in a direction may go before a reset after so many bytes fires: the rest are
     * never forwarded, so that {@code afterBytes} is exact (a reset after 1 byte lets no whole TLS record through).
     */
    int bytesBeforeReset(Direction flow, int bytes) {
        int allowed = bytes;
        for (Map.Entry<String, long[]> counted : bytesSince.entrySet()) {
            ActiveFault active = proxy.active(counted.getKey());
            if (active != null && active.fault() instanceof Fault.Reset reset && reset.direction().includes(flow)) {
                allowed = (int) Math.min(allowed, Math.max(0, reset.afterBytes() - counted.getValue()[0]));
            }
        }
        return allowed;
    }

    /** Bytes forwarded in a direction, for the faults that reset after so many. */
    void countBytes(Direction flow, int bytes) {
        for (Map.Entry<String, long[]> counted : bytesSince.entrySet()) {
            ActiveFault active = proxy.active(counted.getKey());
            if (active != null && active.fault() instanceof Fault.Reset reset
                    && reset.direction().includes(flow)) {
                counted.getValue()[0] += bytes;
                if (counted.getValue()[0] >= reset.afterBytes()) {
                    record.event(active.id() + " reset after " + counted.getValue()[0] + " bytes");
                    abort(active.id() + " reset");
                    return;
                }
            }
        }
    }

    private void act(ActiveFault fault, boolean reset) {
        if (closing || record.isClosed() || proxy.active(fault.id()) == null) {
            return;
        }
        if (reset) {
            abort(fault.id() + " reset");
        } else {
            finish(fault.id() + " close");
        }
    }

    /** The proxy aborts the connection: RST to both sides. */
    void abort(String why) {
        close("proxy: " + why, "RST", true);
    }

    /** The proxy closes the connection: FIN to both sides. */
    void finish(String why) {
        close("proxy: " + why, "FIN", false);
    }

    private void close(String by, String how, boolean reset) {
        if (closing) {
            return;
        }
        closing = true;
        record.closed(by, how);
        for (Channel channel : new Channel[] { client, server }) {
            if (channel != null && channel.isOpen()) {
                if (reset) {
                    channel.config().setOption(ChannelOption.SO_LINGER, 0);
                }
                channel.close();
            }
        }
    }

    /** A side's socket closed. Its close is passed on to the other side, unless the proxy closed both. */
    private void sideClosed(boolean clientSide) {
        if (--sidesOpen <= 0) {
            proxy.forget(this);
        }
        if (closing) {
            return;
        }
        boolean reset = clientSide ? clientReset : serverReset;
        record.closed(clientSide ? "client" : "server", reset ? "RST" : "FIN");
        Direction flow = clientSide ? Direction.UPSTREAM : Direction.DOWNSTREAM;
        if (silent(flow)) {
            record.event("the " + (clientSide ? "client" : "server") + "'s close not passed on: silence");
            return;
        }
        (clientSide ? upstream : downstream).closeAfterPending();
    }

    /** The handler of one side's socket. */
    private final class Side extends ChannelInboundHandlerAdapter {

        private final boolean clientSide;

        Side(boolean clientSide) {
            this.clientSide = clientSide;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            Pipe pipe = clientSide ? upstream : downstream;
            if (pipe == null || closing) {
                ((ByteBuf) message).release();
                return;
            }
            pipe.forward((ByteBuf) message);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            sideClosed(clientSide);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (cause instanceof IOException) { // the peer reset the connection
                if (clientSide) {
                    clientReset = true;
                } else {
                    serverReset = true;
                }
            } else {
                LOG.debugf("Fault proxy connection %d: %s", record.id(), cause.getMessage());
            }
            ctx.close();
        }
    }
}
