package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.support.GatewayLoad;
import io.grpclab.support.GatewayLoad.Call;
import io.grpclab.support.PackagedApp;
import io.grpclab.support.ProcessUsage;

/**
 * Two packaged instances, and A's gateway balancing over both gRPC servers through their fault proxies (A's own
 * server behind A's proxy, B's behind B's), so the link to A's backend can fail for real under load: it goes silent,
 * it gets slow, its connections are reset over and over. {@code EchoService/Echo} is hedged
 * (lab.hedging.gateway-methods), {@code ExampleService/SayHello} retried, as a user would configure idempotent and
 * other calls.
 */
class GatewayChaosIT {

    static final Path CERTS = Path.of("target/chaos-certs");
    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    static final String HELLO = "{\"name\":\"chaos\"}";
    static final String ECHO = "{\"echoMessage\":\"chaos\"}";
    static final Duration DEADLINE = Duration.ofSeconds(15);
    static final long KEEPALIVE_TIME_MS = 10_000; // lab.keepalive.time
    static final int LATENCY_MS = 200;
    static final long MIB = 1024 * 1024;

    static PackagedApp a;
    static PackagedApp b;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        String[] lab = { "-Dquarkus.profile=lab", "-Dlab.tls.dir=" + CERTS };
        b = PackagedApp.started(lab); // first: it writes the shared development certificates
        a = PackagedApp.started(lab[0], lab[1], "-Dquarkus.grpc.clients.lab.name-resolver=static",
                "-Dquarkus.grpc.clients.lab.host=localhost:${lab.network.proxy-port},localhost:" + b.proxy,
                "-Dlab.hedging.gateway-methods=EchoService/Echo", "-Dlab.hedging.delay=0.05s",
                "-Dlab.hedging.max-attempts=4");
        await().atMost(Duration.ofSeconds(10)).until(() -> backends().stream()
                .filter(backend -> backend.path("inRotation").asBoolean()).count() == 2);
    }

    @AfterAll
    static void stop() {
        for (Map.Entry<String, PackagedApp> instance : Map.of("chaos-a", a, "chaos-b", b).entrySet()) {
            if (instance.getValue() != null) {
                instance.getValue().close(instance.getKey());
            }
        }
    }

    @AfterEach
    void clearFaults() throws Exception {
        send(HttpRequest.newBuilder(a.http("/demo/network/reset")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /**
     * All 16 callers are stuck on the silent link within a few calls (round robin keeps picking its backend, whose
     * connection stays READY: grpc-java pings no sooner than 10 s after the last read, so a 5 s silence is never found
     * by keepalive's ack timeout). What frees them is the first write after the silence: the client's keepalive ping,
     * 10 s after the last read, reaches a server whose TLS stream lost records; the server refuses it and the connection
     * ends (the server or the client, on the server's alert, closes it first).
     * The calls it held fail UNAVAILABLE and the retry policy moves them to B, within their 15 s deadline.
     */
    @Test
    void aLinkSilentForFiveSecondsLosesNoCallAndItsBackendComesBack() throws Exception {
        long start = System.nanoTime();
        GatewayLoad hello = new GatewayLoad(a.http("/api/hello"), HELLO, DEADLINE);
        CompletableFuture<List<Call>> load = run(hello, 16, 20);
        await().atMost(Duration.ofSeconds(15)).until(() -> hello.answered() >= 1000); // under load first
        long silenceAt = sinceMs(start);
        int silenced = openConnection().path("id").asInt();
        addFault("{\"type\":\"silence\",\"direction\":\"BOTH\"}", 5000);
        List<Call> calls = load.get(60, TimeUnit.SECONDS);

        assertSucceededWithinDeadline(calls);
        assertThat(calls).as("calls held across the silence, released and retried")
                .anySatisfy(call -> assertThat(call.elapsedMs()).isGreaterThan(5000));
        JsonNode connection = connection(silenced);
        long silenceBegan = eventAt(connection, "silence both began");
        long silenceEnded = eventAt(connection, "silence both ended");
        assertThat(connection.path("closedBy").asText()).as("an end closed it, not the proxy: " + connection)
                .isIn("client", "server"); // whichever acts first on the server's refusal of the damaged stream
        assertThat(connection.path("closedAtMs").asLong()).as("closed after the silence, by the next write at the "
                + "latest the keepalive ping 10 s after the last read").isBetween(silenceEnded,
                        silenceBegan + KEEPALIVE_TIME_MS + 1000);
        assertThat(openConnection().path("id").asInt()).as("a new connection to A's backend").isGreaterThan(silenced);
        await().atMost(Duration.ofSeconds(10)).until(() -> backends().stream()
                .filter(backend -> backend.path("inRotation").asBoolean()).count() == 2);
        System.out.printf("silence at %d ms: %s; its connection closed %d ms after the silence began%n", silenceAt,
                GatewayLoad.summary(calls), connection.path("closedAtMs").asLong() - silenceBegan);
    }

    /**
     * 200 ms of latency on the link to A's backend, Echo hedged (a hedge every 50 ms, 4 attempts) and SayHello retried
     * side by side: most hedged calls finish before the latency, because a hedge reached B; a retried call that went
     * to A waits the latency out.
     */
    @Test
    void aSlowLinkCostsHedgedCallsLittleAndRetriedCallsItsLatency() throws Exception {
        addFault("{\"type\":\"latency\",\"direction\":\"DOWNSTREAM\",\"latencyMs\":" + LATENCY_MS + "}", 30_000);
        CompletableFuture<List<Call>> hedgedLoad = load("/api/echo", ECHO, DEADLINE, 8, 15);
        CompletableFuture<List<Call>> retriedLoad = load("/api/hello", HELLO, DEADLINE, 8, 15);
        List<Call> hedged = hedgedLoad.get(60, TimeUnit.SECONDS);
        List<Call> retried = retriedLoad.get(60, TimeUnit.SECONDS);

        assertSucceededWithinDeadline(hedged);
        assertSucceededWithinDeadline(retried);
        assertThat(share(hedged, LATENCY_MS)).as("hedged calls that waited out the latency: " + GatewayLoad.summary(
                hedged)).isLessThan(0.10);
        assertThat(share(retried, LATENCY_MS)).as("retried calls that waited out the latency: " + GatewayLoad.summary(
                retried)).isGreaterThan(0.30);
        assertThat(hedged).as("hedges answered").anySatisfy(call -> assertThat(call.servedAttempt()).isGreaterThan(1));
        System.out.printf("hedged: %s, p90 %d ms%nretried: %s, p90 %d ms%n", GatewayLoad.summary(hedged),
                GatewayLoad.percentile(hedged, 90), GatewayLoad.summary(retried), GatewayLoad.percentile(retried, 90));
    }

    /**
     * Every connection to A's backend is reset 300 ms after it opens, for 20 s, under load: about one new connection
     * and one RST every 300 ms. The retry policy hides it from callers, and A (gateway, proxy and server) holds no more
     * file descriptors, threads or heap at the end than before.
     */
    @Test
    void aResetStormLosesNoCallAndLeaksNothing() throws Exception {
        load("/api/hello", HELLO, DEADLINE, 16, 3).get(60, TimeUnit.SECONDS); // warm: pools and caches filled
        long start = System.nanoTime();
        List<ProcessUsage> samples = new ArrayList<>(List.of(ProcessUsage.of(a, 0)));
        int firstConnection = openConnection().path("id").asInt();
        addFault("{\"type\":\"reset\",\"direction\":\"BOTH\",\"afterMs\":300}", 20_000);
        CompletableFuture<List<Call>> load = load("/api/hello", HELLO, DEADLINE, 16, 20);
        await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ofSeconds(2)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    samples.add(ProcessUsage.of(a, sinceMs(start)));
                    return load.isDone();
                });
        List<Call> calls = load.get();
        samples.add(ProcessUsage.of(a, sinceMs(start)));

        assertSucceededWithinDeadline(calls);
        int connections = lastConnectionId() - firstConnection;
        assertThat(connections).as("connections reset and opened again").isGreaterThan(30);
        ProcessUsage before = samples.get(0);
        ProcessUsage after = samples.get(samples.size() - 1);
        List<ProcessUsage> secondHalf = samples.subList(samples.size() / 2, samples.size());
        String all = samples.toString();
        assertThat(after.fileDescriptors()).as(all).isLessThanOrEqualTo(before.fileDescriptors() + 5);
        assertThat(ProcessUsage.slopePerSecond(secondHalf, ProcessUsage::fileDescriptors)).as(all).isLessThan(0.5);
        assertThat(after.threads()).as(all).isLessThanOrEqualTo(before.threads() + 4);
        if (!a.isNative()) {
            assertThat(after.heapAfterGcBytes()).as(all).isLessThan(before.heapAfterGcBytes() + 8 * MIB);
            assertThat(ProcessUsage.slopePerSecond(secondHalf, ProcessUsage::heapAfterGcBytes)).as(all)
                    .isLessThan(64 * 1024);
        }
        System.out.printf("reset storm: %d connections, %s%n%s%n", connections, GatewayLoad.summary(calls), all);
    }

    private static void assertSucceededWithinDeadline(List<Call> calls) {
        String summary = GatewayLoad.summary(calls);
        assertThat(calls.stream().filter(Call::ok).count()).as(summary).isGreaterThanOrEqualTo(
                (long) Math.ceil(calls.size() * 0.999));
        assertThat(calls).as("none waited past its deadline: " + summary).allSatisfy(call -> assertThat(
                call.elapsedMs()).isLessThan(DEADLINE.toMillis() + 1000));
    }

    /** The share of calls that took at least {@code ms}. */
    private static double share(List<Call> calls, long ms) {
        return (double) calls.stream().filter(call -> call.elapsedMs() >= ms).count() / calls.size();
    }

    private static CompletableFuture<List<Call>> load(String path, String json, Duration deadline, int clients,
            int seconds) {
        return run(new GatewayLoad(a.http(path), json, deadline), clients, seconds);
    }

    private static CompletableFuture<List<Call>> run(GatewayLoad load, int clients, int seconds) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return load.run(clients, Duration.ofSeconds(seconds));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static void addFault(String fault, int durationMs) throws Exception {
        HttpResponse<String> added = send(HttpRequest.newBuilder(a.http("/demo/network/faults?durationMs="
                + durationMs)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(fault)));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    }

    /** The proxy's record of its open connection (the gateway's one connection to A's backend). */
    private static JsonNode openConnection() throws Exception {
        return StreamSupport.stream(proxyState().path("connections").spliterator(), false)
                .filter(connection -> connection.path("closedAtMs").isMissingNode()).reduce((x, y) -> y)
                .orElseThrow(() -> new AssertionError("no open connection through A's proxy"));
    }

    private static int lastConnectionId() throws Exception {
        return StreamSupport.stream(proxyState().path("connections").spliterator(), false)
                .mapToInt(connection -> connection.path("id").asInt()).max().orElse(0);
    }

    private static JsonNode connection(int id) throws Exception {
        return StreamSupport.stream(proxyState().path("connections").spliterator(), false)
                .filter(connection -> connection.path("id").asInt() == id).findFirst()
                .orElseThrow(() -> new AssertionError("no connection " + id));
    }

    /** When an event whose text ends with {@code what} happened on a connection (ms after it opened). */
    private static long eventAt(JsonNode connection, String what) {
        return StreamSupport.stream(connection.path("events").spliterator(), false)
                .filter(event -> event.path("what").asText().endsWith(what)).findFirst()
                .map(event -> event.path("atMs").asLong())
                .orElseThrow(() -> new AssertionError("no '" + what + "' in " + connection));
    }

    private static JsonNode proxyState() throws Exception {
        HttpResponse<String> state = send(HttpRequest.newBuilder(a.http("/demo/network")));
        assertThat(state.statusCode()).as(state.body()).isEqualTo(200);
        return JSON.readTree(state.body());
    }

    /** A's lab channel's backends, from its /demo/config. */
    private static List<JsonNode> backends() throws Exception {
        HttpResponse<String> config = send(HttpRequest.newBuilder(a.http("/demo/config")));
        assertThat(config.statusCode()).as(config.body()).isEqualTo(200);
        JsonNode backends = JSON.readTree(config.body()).at("/client/balancing/backends");
        return StreamSupport.stream(backends.spliterator(), false).toList();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long sinceMs(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
