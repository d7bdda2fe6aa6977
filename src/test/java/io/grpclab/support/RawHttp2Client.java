package io.grpclab.support;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.grpc.netty.GrpcSslContexts;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.netty.handler.codec.http2.Http2PingFrame;
import io.netty.handler.ssl.SslContext;
import io.netty.util.ReferenceCountUtil;

/**
 * An HTTP/2 connection over TLS that sends PING frames at an interval we choose, with no call in flight.
 * grpc-java clients cannot ping more often than every 10 s; this one can, so a test can hold the
 * server's keepalive policy to account in a second instead of a minute.
 */
public final class RawHttp2Client implements AutoCloseable {

    /** What came of a series of pings. */
    public record PingRun(int acked, Long goAwayErrorCode, String goAwayDebugData) {
    }

    private final EventLoopGroup group = new NioEventLoopGroup(1);
    private final Channel channel;
    private final PingHandler handler = new PingHandler();

    private RawHttp2Client(int port, File trustedCa) throws Exception {
        SslContext ssl = GrpcSslContexts.forClient().trustManager(trustedCa).build();
        channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc(), "localhost", port),
                                Http2FrameCodecBuilder.forClient().build(), handler);
                    }
                })
                .connect("localhost", port).sync().channel();
    }

    public static RawHttp2Client connect(int port, File trustedCa) throws Exception {
        return new RawHttp2Client(port, trustedCa);
    }

    /**
     * Sends {@code count} pings, each {@code interval} after the previous ack (the first {@code interval}
     * after connecting, as a keepalive timer would), and stops early at a GOAWAY.
     */
    public PingRun ping(int count, Duration interval, Duration patience) throws Exception {
        handler.start(channel, count, interval);
        return handler.done.get(patience.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        channel.close().await(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }

    private static final class PingHandler extends ChannelInboundHandlerAdapter {
        private final CompletableFuture<PingRun> done = new CompletableFuture<>();
        private final AtomicInteger acked = new AtomicInteger();
        private Channel channel;
        private int count;
        private Duration interval;

        void start(Channel channel, int count, Duration interval) {
            this.channel = channel;
            this.count = count;
            this.interval = interval;
            channel.eventLoop().execute(this::scheduleNext);
        }

        private void scheduleNext() {
            channel.eventLoop().schedule(() -> channel.writeAndFlush(new DefaultHttp2PingFrame(acked.get())),
                    interval.toNanos(), TimeUnit.NANOSECONDS);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            try {
                if (frame instanceof Http2PingFrame ping && ping.ack()) {
                    if (acked.incrementAndGet() == count) {
                        done.complete(new PingRun(acked.get(), null, null));
                    } else {
                        scheduleNext();
                    }
                } else if (frame instanceof Http2GoAwayFrame goAway) {
                    done.complete(new PingRun(acked.get(), goAway.errorCode(),
                            goAway.content().toString(StandardCharsets.US_ASCII)));
                }
            } finally {
                ReferenceCountUtil.release(frame);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            done.complete(new PingRun(acked.get(), null, "connection closed"));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            done.completeExceptionally(cause);
        }
    }
}
