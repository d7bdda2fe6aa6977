package io.grpclab.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * HTTP/2 frames written and read by hand, over TLS or cleartext (h2c with prior knowledge), so that a test can do what
 * every real client library refuses to: open more streams than the server allows, reset streams as fast as it can,
 * declare bodies it never sends, or ping an idle connection more often than grpc-java's 10 s minimum. Headers are HPACK
 * literals without indexing, enough for a request's few fields.
 */
public final class RawHttp2Connection implements AutoCloseable {

    public static final int DATA = 0x0;
    public static final int HEADERS = 0x1;
    public static final int RST_STREAM = 0x3;
    public static final int SETTINGS = 0x4;
    public static final int PING = 0x6;
    public static final int GOAWAY = 0x7;
    public static final int SETTINGS_MAX_CONCURRENT_STREAMS = 0x3;
    public static final int CANCEL = 0x8;

    /** One frame as read. */
    public record Frame(int type, int flags, int streamId, byte[] payload) {

        /** The error code of a RST_STREAM or GOAWAY frame. */
        public long errorCode() {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            return Integer.toUnsignedLong(type == GOAWAY ? buffer.getInt(4) : buffer.getInt(0));
        }

        /** The debug data of a GOAWAY frame. */
        public String debugData() {
            return new String(payload, 8, payload.length - 8, StandardCharsets.US_ASCII);
        }

        /** The value of one setting in a SETTINGS frame, or null. */
        public Long setting(int id) {
            ByteBuffer buffer = ByteBuffer.wrap(payload);
            while (buffer.remaining() >= 6) {
                int key = buffer.getShort() & 0xffff;
                long value = Integer.toUnsignedLong(buffer.getInt());
                if (key == id) {
                    return value;
                }
            }
            return null;
        }
    }

    /** What came of a series of pings: how many were acknowledged, and the GOAWAY that stopped them, if one did. */
    public record PingRun(int acked, Long goAwayErrorCode, String goAwayDebugData) {
    }

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private boolean closedByServer;

    private RawHttp2Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** A TLS connection negotiating h2, with the connection preface and an empty SETTINGS frame sent. */
    public static RawHttp2Connection open(int port, Path trustedCa) throws Exception {
        SSLSocket socket = (SSLSocket) TrustingCa.sslContext(trustedCa).getSocketFactory()
                .createSocket("localhost", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] { "h2" });
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return preface(socket);
    }

    /** A cleartext connection speaking h2c with prior knowledge, with the preface and an empty SETTINGS frame sent. */
    public static RawHttp2Connection openCleartext(int port) throws Exception {
        return preface(new Socket("localhost", port));
    }

    private static RawHttp2Connection preface(Socket socket) throws IOException {
        RawHttp2Connection connection = new RawHttp2Connection(socket);
        connection.out.write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        connection.write(SETTINGS, 0, 0, new byte[0]);
        return connection;
    }

    /**
     * Opens an HTTP request on {@code streamId} (odd, increasing): its headers and no body, nor the end of one; a
     * {@code content-length} among the headers declares a body that may never come.
     */
    public void openRequest(int streamId, String method, String scheme, String path, Map<String, String> headers)
            throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        literal(block, ":method", method);
        literal(block, ":scheme", scheme);
        literal(block, ":path", path);
        literal(block, ":authority", "localhost");
        headers.forEach((name, value) -> literal(block, name, value));
        write(HEADERS, 0x4, streamId, block.toByteArray()); // END_HEADERS
    }

    /** Sends a whole request without a body (END_STREAM), as a GET is. */
    public void request(int streamId, String method, String scheme, String path) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        literal(block, ":method", method);
        literal(block, ":scheme", scheme);
        literal(block, ":path", path);
        literal(block, ":authority", "localhost");
        write(HEADERS, 0x5, streamId, block.toByteArray()); // END_HEADERS | END_STREAM
    }

    /** Opens a gRPC call on {@code streamId} (odd, increasing): its headers, and no body yet. */
    public void openCall(int streamId, String path) throws IOException {
        ByteArrayOutputStream block = new ByteArrayOutputStream();
        literal(block, ":method", "POST");
        literal(block, ":scheme", "https");
        literal(block, ":path", path);
        literal(block, ":authority", "localhost");
        literal(block, "content-type", "application/grpc");
        literal(block, "te", "trailers");
        write(HEADERS, 0x4, streamId, block.toByteArray()); // END_HEADERS
    }

    public void reset(int streamId) throws IOException {
        write(RST_STREAM, 0, streamId, ByteBuffer.allocate(4).putInt(CANCEL).array());
    }

    /** One ping: its ack tells that the server has read every frame sent before it. */
    public void ping() throws IOException {
        write(PING, 0, 0, new byte[8]);
    }

    public void acknowledgeSettings() throws IOException {
        write(SETTINGS, 0x1, 0, new byte[0]);
    }

    /**
     * Acknowledges the server's settings, then sends {@code count} pings on the idle connection, each {@code interval}
     * after the previous ack (the first {@code interval} after connecting, as a keepalive timer would), and stops early
     * at a GOAWAY.
     */
    public PingRun ping(int count, Duration interval, Duration patience) throws IOException {
        await(f -> f.type() == SETTINGS && (f.flags() & 1) == 0, patience);
        acknowledgeSettings();
        Predicate<Frame> goAway = f -> f.type() == GOAWAY;
        for (int acked = 0; acked < count; acked++) {
            Frame early = poll(goAway, interval);
            if (early == null) {
                write(PING, 0, 0, ByteBuffer.allocate(8).putLong(acked).array());
                early = await(goAway.or(f -> f.type() == PING && (f.flags() & 1) == 1), patience);
            }
            if (early == null) {
                return new PingRun(acked, null, "connection closed");
            }
            if (early.type() == GOAWAY) {
                return new PingRun(acked, early.errorCode(), early.debugData());
            }
        }
        return new PingRun(count, null, null);
    }

    /**
     * Reads frames until one matches, or fails after {@code patience}; null when the server closed the
     * connection first.
     */
    public Frame await(Predicate<Frame> wanted, Duration patience) throws IOException {
        Frame frame = poll(wanted, patience);
        if (frame == null && !closedByServer) {
            throw new AssertionError("no such frame within " + patience);
        }
        return frame;
    }

    /**
     * Reads frames until one matches; null when none did within {@code patience} or the server closed the connection.
     */
    private Frame poll(Predicate<Frame> wanted, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || closedByServer) {
                return null;
            }
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            Frame frame;
            try {
                frame = read();
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException closed) {
                closedByServer = true;
                return null;
            }
            if (frame == null) {
                closedByServer = true;
                return null;
            }
            if (wanted.test(frame)) {
                return frame;
            }
        }
    }

    private Frame read() throws IOException {
        byte[] header = new byte[9];
        try {
            in.readFully(header);
        } catch (java.io.EOFException e) {
            return null;
        }
        int length = ((header[0] & 0xff) << 16) | ((header[1] & 0xff) << 8) | (header[2] & 0xff);
        int streamId = ByteBuffer.wrap(header, 5, 4).getInt() & 0x7fffffff;
        byte[] payload = new byte[length];
        in.readFully(payload);
        return new Frame(header[3] & 0xff, header[4] & 0xff, streamId, payload);
    }

    private synchronized void write(int type, int flags, int streamId, byte[] payload) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(9 + payload.length);
        frame.put((byte) (payload.length >>> 16)).put((byte) (payload.length >>> 8)).put((byte) payload.length);
        frame.put((byte) type).put((byte) flags).putInt(streamId).put(payload);
        out.write(frame.array());
        out.flush();
    }

    /** A literal header field without indexing, new name, no Huffman coding (RFC 7541, 6.2.2). */
    private static void literal(ByteArrayOutputStream block, String name, String value) {
        block.write(0);
        string(block, name);
        string(block, value);
    }

    private static void string(ByteArrayOutputStream block, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length >= 127) {
            throw new IllegalArgumentException("kept short on purpose: " + value);
        }
        block.write(bytes.length);
        block.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
