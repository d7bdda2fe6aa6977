package io.grpclab.support;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The packaged app as a user runs it, as its own process on free ports, its output kept line by line: what the build
 * made, as {@code target/quarkus-artifact.properties} says (what {@code @QuarkusIntegrationTest} reads too), the jar
 * ({@code java -jar target/quarkus-app/quarkus-run.jar}) or, built with {@code -Dnative}, the native executable. Its
 * default profile is prod; a test adds what it needs as system properties ({@code -Dquarkus.profile=lab},
 * {@code -Dlab.tls.dir=...}), which both take on their command line.
 */
public final class PackagedApp implements AutoCloseable {

    static final Path ARTIFACT = Path.of("target/quarkus-artifact.properties");

    /** Five free ports, told apart: each asked for while the others are still held. */
    private final int[] ports = freePorts(5);
    public final int http = ports[0];
    public final int https = ports[1];
    public final int grpc = ports[2];
    public final int management = ports[3];
    /** The fault proxy's shared listener, where the profile opens it (/demo on). */
    public final int proxy = ports[4];

    private final Process process;
    private final boolean nativeExecutable;
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Thread reader;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private PackagedApp(List<String> properties) throws IOException {
        Path built = built();
        nativeExecutable = isNative(built);
        List<String> command = new ArrayList<>(List.of(nativeExecutable ? built.toString()
                : Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(List.of("-Dquarkus.http.port=" + http, "-Dquarkus.http.ssl-port=" + https,
                "-Dquarkus.grpc.server.port=" + grpc, "-Dquarkus.management.port=" + management,
                "-Dlab.network.proxy-port=" + proxy));
        command.addAll(properties);
        if (!nativeExecutable) {
            command.addAll(List.of("-jar", built.toString()));
        }
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        reader = new Thread(this::readLines, "packaged-app-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** What the build made: the jar or the native executable. */
    private static Path built() {
        Properties artifact = new Properties();
        try (Reader in = Files.newBufferedReader(ARTIFACT)) {
            artifact.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("no packaged app: run the package phase first", e);
        }
        return Path.of("target").resolve(artifact.getProperty("path")).toAbsolutePath();
    }

    /** Whether what the build made is the native executable (else the jar). */
    private static boolean isNative(Path built) {
        return !built.toString().endsWith(".jar");
    }

    /** Starts the app with these system properties ({@code -Dkey=value}); it may or may not come up. */
    public static PackagedApp start(String... properties) throws IOException {
        return new PackagedApp(List.of(properties));
    }

    /** Starts the app and waits until its readiness check (on the management port) says UP. */
    public static PackagedApp started(String... properties) throws IOException {
        PackagedApp app = start(properties);
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> !app.process.isAlive() || app.status(app.management("/q/health/ready")) == 200);
        } catch (RuntimeException e) {
            app.close();
            throw e;
        }
        if (!app.process.isAlive()) {
            throw new AssertionError("the app stopped instead of starting:\n" + app.output());
        }
        return app;
    }

    public URI http(String path) {
        return URI.create("http://localhost:" + http + path);
    }

    public URI https(String path) {
        return URI.create("https://localhost:" + https + path);
    }

    public URI management(String path) {
        return URI.create("http://localhost:" + management + path);
    }

    /** The status of a GET, or -1 when nothing answered within a second. */
    public int status(URI uri) {
        try {
            return client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(1)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The app's process id: the JVM's, or the native executable's. */
    public long pid() {
        return process.pid();
    }

    /** Whether this is the native executable (no JVM, no jcmd). */
    public boolean isNative() {
        return nativeExecutable;
    }

    /** The app's metrics, in Prometheus's text format. */
    public String metrics() throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(management("/q/metrics")).timeout(Duration.ofSeconds(2))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Echo requests the gRPC server has received (its metrics): a call is in flight on the server once counted. */
    public double echoCallsReceived() throws IOException, InterruptedException {
        return metrics().lines().filter(l -> l.startsWith("grpc_server_requests_received_messages_total")
                && l.contains("method=\"Echo\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .sum();
    }

    /** Sends SIGTERM, as an orchestrator does ({@code Process.destroy()} would also close our end of its output). */
    public void terminate() {
        process.toHandle().destroy();
    }

    /** Waits for the process to exit by itself and returns its exit code; fails if it is still running. */
    public int exitCode(Duration patience) throws InterruptedException {
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the app is still running after " + patience + ":\n" + output());
        }
        reader.join(5000);
        return process.exitValue();
    }

    public List<String> log() {
        return log;
    }

    public String output() {
        return String.join("\n", log);
    }

    /** Stops the process and keeps its output in target/{@code name}.log. */
    public void close(String name) {
        close();
        try {
            Files.write(Path.of("target", name + ".log"), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                log.add(line);
            }
        } catch (IOException e) {
            log.add("(log read failed: " + e + ")");
        }
    }

    /**
     * Ports free now and different from each other: a port asked for and released at once may be handed out again by
     * the next ask, and an app given the same port twice stops ("Port ... seems to be in use").
     */
    public static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0));
            }
            return held.stream().mapToInt(ServerSocket::getLocalPort).toArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a listening socket we never used: nothing to do
                }
            }
        }
    }
}
