package io.grpclab.lab.network;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;

/**
 * One direction of a proxied connection: the bytes read from one side, held back, dropped or passed on to the other
 * as the listener's faults say, in the order they came. Runs on the connection's event loop only.
 */
final class Pipe {

    /** Bytes waiting to go out before the side they come from stops being read, and when it is read again. */
    private static final int HIGH_WATER = 1 << 20;
    private static final int LOW_WATER = 1 << 18;

    private final Direction flow;
    private final Connection connection;
    private final Channel from;
    private Channel to;
    /** When the link has sent what it was given (a bandwidth limit), and when the last bytes go out. */
    private long linkFreeNanos;
    private long releaseNanos;
    private long pending;
    private boolean paused;

    Pipe(Direction flow, Connection connection, Channel from) {
        this.flow = flow;
        this.connection = connection;
        this.from = from;
    }

    void connect(Channel to) {
        this.to = to;
    }

    void forward(ByteBuf data) {
        FaultProxy proxy = connection.proxy();
        if (connection.silent(flow)) {
            connection.record().dropped(flow, data.readableBytes());
            data.release();
            return;
        }
        int bytes = connection.bytesBeforeReset(flow, data.readableBytes());
        data.writerIndex(data.readerIndex() + bytes); // what lies beyond a reset's byte count never goes
        connection.record().forwarded(flow, bytes);
        long now = System.nanoTime();
        long transmit = proxy.transmitNanos(flow, bytes, connection.record().id());
        long sent = now;
        if (transmit > 0) {
            linkFreeNanos = Math.max(now, linkFreeNanos) + transmit;
            sent = linkFreeNanos;
        }
        // latency does not add up from one read to the next, but bytes never overtake those before them
        long release = Math.max(sent + proxy.latencyNanos(flow, ThreadLocalRandom.current(), connection.record().id()),
                releaseNanos);
        releaseNanos = release;
        if (release <= now && pending == 0) {
            to.writeAndFlush(data);
        } else {
            hold(bytes);
            to.eventLoop().schedule(() -> to.writeAndFlush(data).addListener(written -> release(bytes)),
                    release - now, TimeUnit.NANOSECONDS);
        }
        connection.countBytes(flow, bytes);
    }

    /** Closes the other side (FIN) once the bytes held back have gone out, as a delayed FIN would arrive. */
    void closeAfterPending() {
        if (to == null) {
            return;
        }
        long wait = releaseNanos - System.nanoTime();
        if (wait <= 0) {
            to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        } else {
            to.eventLoop().schedule(() -> to.close(), wait, TimeUnit.NANOSECONDS);
        }
    }

    private void hold(int bytes) {
        pending += bytes;
        if (!paused && pending > HIGH_WATER) {
            paused = true;
            from.config().setAutoRead(false);
        }
    }

    private void release(int bytes) {
        pending -= bytes;
        if (paused && pending < LOW_WATER) {
            paused = false;
            from.config().setAutoRead(true);
        }
    }
}
