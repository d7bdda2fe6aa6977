package io.grpclab.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real reverse proxy in front of the app: Debian's nginx (package nginx-light) on a free loopback port, configured
 * the textbook way for an app behind it ({@code proxy_set_header X-Forwarded-Proto $scheme} and
 * {@code X-Forwarded-For $proxy_add_x_forwarded_for}), passing every other header the client sent on untouched.
 * Required in CI ({@code .ci/run} installs it); elsewhere a test that needs it is skipped when it is missing.
 */
public final class NginxProxy implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    private final int port;
    private final Process process;

    private NginxProxy(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /** Skips the test (fails it in CI) when nginx is not installed. */
    public static void require() {
        boolean available = Files.isExecutable(BINARY);
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, "CI needs Debian's nginx (apt-get install nginx-light)");
        } else {
            assumeTrue(available, "nginx is not installed (apt-get install nginx-light)");
        }
    }

    /** nginx on a free port, proxying plain HTTP to {@code upstreamPort} on loopback, started and listening. */
    public static NginxProxy started(int upstreamPort, Path directory) throws IOException {
        int port = freePort();
        Path dir = directory.toAbsolutePath();
        Files.createDirectories(dir.resolve("tmp"));
        String config = """
                worker_processes 1;
                daemon off;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log warn;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/tmp/body;
                    proxy_temp_path %1$s/tmp/proxy;
                    fastcgi_temp_path %1$s/tmp/fastcgi;
                    uwsgi_temp_path %1$s/tmp/uwsgi;
                    scgi_temp_path %1$s/tmp/scgi;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://127.0.0.1:%3$d;
                            proxy_set_header Host $host;
                            proxy_set_header X-Forwarded-Proto $scheme;
                            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        }
                    }
                }
                """.formatted(dir, port, upstreamPort);
        Path file = dir.resolve("nginx.conf");
        Files.writeString(file, config);
        Process process = new ProcessBuilder(List.of(BINARY.toString(), "-p", dir.toString(), "-e",
                dir.resolve("error.log").toString(), "-c", file.toString()))
                .redirectErrorStream(true).redirectOutput(dir.resolve("output.log").toFile()).start();
        NginxProxy proxy = new NginxProxy(port, process);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!proxy.listening()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                proxy.close();
                throw new IllegalStateException("nginx did not listen on " + port + " within 10 s: "
                        + Files.readString(dir.resolve("output.log")));
            }
            Thread.onSpinWait();
        }
        return proxy;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private boolean listening() {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
