package io.grpclab.lab.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.netty.channel.nio.NioEventLoopGroup;

/**
 * The proxy between a plain TCP client and an echo server on loopback: bytes pass both ways, each fault does what it
 * says, and the proxy's record says what happened. Waits are bounded (socket timeouts, Awaitility); durations are
 * lower bounds only.
 */
class FaultProxyTest {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private final ExecutorService echoThreads = Executors.newCachedThreadPool();
    private final AtomicLong echoed = new AtomicLong();
    private ServerSocket echo;
    private FaultProxy proxy;

    @BeforeEach
    void start() throws Exception {
        echo = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        echoThreads.execute(this::serveEcho);
        proxy = new FaultProxy("test", group, 0, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                echo.getLocalPort()), new FaultProxy.Limits(4, 3, MINUTE), () -> {
                });
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        echo.close();
        echoThreads.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    @Test
    void bytesPassBothWaysAndTheRecordCountsThemAndWhoClosed() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "hello")).isEqualTo("hello");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections().get(0).closedBy() != null);
        ConnectionRecord.View record = proxy.connections().get(0);
        assertThat(record.bytesUpstream()).isEqualTo(5);
        assertThat(record.bytesDownstream()).isEqualTo(5);
        assertThat(record.closedBy()).isEqualTo("client");
        assertThat(record.closedHow()).isEqualTo("FIN");
        assertThat(record.events()).extracting(ConnectionRecord.Event::what).anyMatch(e -> e.startsWith("connected"));
    }

    @Test
    void latencyDelaysEachWayAndTheConnectionRecordsWhenItBegan() throws IOException {
        ActiveFault fault = proxy.add(new Fault.Latency(Direction.DOWNSTREAM, 300, 0), MINUTE);
        try (Socket client = connect()) {
            long start = System.nanoTime();
            assertThat(roundTrip(client, "slow")).isEqualTo("slow");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
        assertThat(proxy.connections().get(0).events()).extracting(ConnectionRecord.Event::what)
                .contains(fault.id() + " latency 300 ms + up to 0 ms downstream began");
    }

    @Test
    void aBandwidthLimitPacesTheBytes() throws IOException {
        proxy.add(new Fault.Bandwidth(Direction.UPSTREAM, 20_000), MINUTE);
        byte[] payload = new byte[10_000];
        try (Socket client = connect()) {
            long start = System.nanoTime();
            client.getOutputStream().write(payload);
            readFully(client.getInputStream(), payload.length);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        }
    }

    @Test
    void silenceDropsTheBytesAndKeepsTheConnectionOpen() throws IOException {
        proxy.add(new Fault.Silence(Direction.UPSTREAM), MINUTE);
        try (Socket client = connect()) {
            client.getOutputStream().write("lost".getBytes());
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections().get(0).droppedUpstream() == 4);
            client.setSoTimeout(200);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(java.net.SocketTimeoutException.class);
            assertThat(echoed.get()).isZero();
            assertThat(proxy.connections().get(0).closedBy()).isNull();
        }
    }

    @Test
    void aFaultOnTheOpenConnectionsLeavesNewOnesAlone() throws IOException {
        try (Socket old = connect()) {
            assertThat(roundTrip(old, "before")).isEqualTo("before");
            ActiveFault silence = proxy.add(new Fault.Silence(Direction.BOTH), MINUTE, true);
            assertThat(silence.connections()).containsExactly(1);
            try (Socket fresh = connect()) {
                assertThat(roundTrip(fresh, "new")).isEqualTo("new");
            }
            old.getOutputStream().write("lost".getBytes());
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections().get(0).droppedUpstream() == 4);
        }
    }

    @Test
    void aSilenceAfterSomeTimeLetsTheFirstBytesThroughThenDropsTheRest() throws IOException {
        ActiveFault silence = proxy.add(new Fault.Silence(Direction.BOTH, 300), MINUTE);
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "early")).isEqualTo("early");
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections().get(0).events().stream()
                    .anyMatch(e -> e.what().equals(silence.id() + " silence now on")));
            client.getOutputStream().write("late".getBytes());
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections().get(0).droppedUpstream() == 4);
        }
        assertThat(proxy.connections().get(0).events()).extracting(ConnectionRecord.Event::what)
                .contains(silence.id() + " silence after 300 ms both began");
    }

    @Test
    void aClientsCloseIsNotPassedOnDuringSilence() throws IOException {
        proxy.add(new Fault.Silence(Direction.BOTH), MINUTE);
        connect().close();
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.connections().get(0).closedBy() != null);
        assertThat(proxy.connections().get(0).events()).extracting(ConnectionRecord.Event::what)
                .contains("the client's close not passed on: silence");
    }

    @Test
    void resetAfterBytesAbortsWithRst() throws IOException {
        ActiveFault fault = proxy.add(new Fault.Reset(Direction.UPSTREAM, null, 10L), MINUTE);
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "12345")).isEqualTo("12345");
            client.getOutputStream().write("67890".getBytes());
            client.setSoTimeout(5000);
            assertThatThrownBy(() -> readFully(client.getInputStream(), 6)).isInstanceOf(SocketException.class)
                    .hasMessageContaining("reset");
        }
        ConnectionRecord.View record = proxy.connections().get(0);
        assertThat(record.closedBy()).isEqualTo("proxy: " + fault.id() + " reset");
        assertThat(record.closedHow()).isEqualTo("RST");
        assertThat(record.bytesUpstream()).isEqualTo(10);
    }

    @Test
    void resetAfterMillisecondsAbortsWithRst() throws IOException {
        proxy.add(new Fault.Reset(Direction.BOTH, 100, null), MINUTE);
        try (Socket client = connect()) {
            client.setSoTimeout(5000);
            assertThatThrownBy(() -> client.getInputStream().read()).isInstanceOf(SocketException.class);
        }
        ConnectionRecord.View record = proxy.connections().get(0);
        assertThat(record.closedHow()).isEqualTo("RST");
        assertThat(record.closedAtMs()).isGreaterThanOrEqualTo(100);
    }

    @Test
    void closeSendsFin() throws IOException {
        proxy.add(new Fault.Close(100), MINUTE);
        try (Socket client = connect()) {
            client.setSoTimeout(5000);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(proxy.connections().get(0).closedHow()).isEqualTo("FIN");
    }

    @Test
    void refuseResetsNewConnectionsAndLetsThemInOnceRemoved() throws IOException {
        ActiveFault refuse = proxy.add(new Fault.Refuse(), MINUTE);
        try (Socket client = connect()) {
            client.setSoTimeout(5000);
            assertThatThrownBy(() -> roundTrip(client, "x")).isInstanceOf(SocketException.class);
        }
        assertThat(proxy.connections().get(0).closedBy()).isEqualTo("proxy: refused, a refuse fault is on");
        assertThat(proxy.remove(refuse.id())).isTrue();
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "in")).isEqualTo("in");
        }
    }

    @Test
    void aFaultEndsAfterItsDuration() {
        proxy.add(new Fault.Silence(Direction.BOTH), Duration.ofMillis(100));
        assertThat(proxy.faults()).hasSize(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.faults().isEmpty());
    }

    @Test
    void itsBoundsHold() throws IOException {
        assertThatThrownBy(() -> proxy.add(new Fault.Silence(null), MINUTE.plusMillis(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("60000 ms");
        for (int i = 0; i < 3; i++) {
            proxy.add(new Fault.Latency(null, 0, 0), MINUTE);
        }
        assertThatThrownBy(() -> proxy.add(new Fault.Latency(null, 0, 0), MINUTE))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("3 faults");
        proxy.clear();
        Socket[] clients = new Socket[5];
        for (int i = 0; i < 4; i++) {
            clients[i] = connect();
            assertThat(roundTrip(clients[i], "ok")).isEqualTo("ok");
        }
        clients[4] = connect();
        clients[4].setSoTimeout(5000);
        assertThatThrownBy(() -> roundTrip(clients[4], "x")).isInstanceOf(SocketException.class);
        assertThat(proxy.connections()).extracting(ConnectionRecord.View::closedBy)
                .contains("proxy: refused, 4 connections are open");
        for (Socket client : clients) {
            client.close();
        }
    }

    @Test
    void closingTheListenerClosesItsConnections() throws IOException {
        try (Socket client = connect()) {
            assertThat(roundTrip(client, "a")).isEqualTo("a");
            proxy.close();
            client.setSoTimeout(5000);
            assertThat(client.getInputStream().read()).isEqualTo(-1);
        }
        assertThat(proxy.connections().get(0).closedBy()).isEqualTo("proxy: listener closed");
    }

    private Socket connect() throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
        socket.setSoTimeout(5000);
        return socket;
    }

    private static String roundTrip(Socket client, String text) throws IOException {
        OutputStream out = client.getOutputStream();
        out.write(text.getBytes());
        out.flush();
        return new String(readFully(client.getInputStream(), text.length()));
    }

    private static byte[] readFully(InputStream in, int length) throws IOException {
        byte[] read = in.readNBytes(length);
        if (read.length < length) {
            throw new SocketException("closed after " + read.length + " bytes");
        }
        return read;
    }

    private void serveEcho() {
        while (!echo.isClosed()) {
            try {
                Socket socket = echo.accept();
                echoThreads.execute(() -> {
                    try (socket) {
                        byte[] buffer = new byte[8192];
                        for (int n; (n = socket.getInputStream().read(buffer)) >= 0;) {
                            echoed.addAndGet(n);
                            socket.getOutputStream().write(buffer, 0, n);
                        }
                    } catch (IOException e) {
                        // the proxy reset it: the test says so from the client's side
                    }
                });
            } catch (IOException e) {
                return; // closed
            }
        }
    }
}
