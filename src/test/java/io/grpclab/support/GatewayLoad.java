package io.grpclab.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop load on one gateway route: {@code clients} callers, each sending its next request as soon as the last
 * one answered, for a fixed time. Every call is kept (when it started, how long it took, its HTTP status, the
 * attempt the server served), so a test can ask what happened in any window of the run.
 */
public final class GatewayLoad {

    /** One request: {@code startMs} from the start of the run; status -1 when no answer came in time. */
    public record Call(long startMs, long elapsedMs, int status, int servedAttempt, String body) {
        public boolean ok() {
            return status == 200;
        }
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final HttpRequest request;
    private final Duration patience;
    private final AtomicInteger answered = new AtomicInteger();

    /** POSTs of {@code json} to {@code uri} with a gRPC deadline of {@code deadline}; a client waits deadline + 5 s. */
    public GatewayLoad(URI uri, String json, Duration deadline) {
        this.request = HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .header("X-Request-Timeout", Long.toString(deadline.toMillis()))
                .timeout(deadline.plusSeconds(5)).POST(HttpRequest.BodyPublishers.ofString(json)).build();
        this.patience = deadline.plusSeconds(5);
    }

    /** Runs {@code clients} callers for {@code duration}; returns every call, in the order they started. */
    public List<Call> run(int clients, Duration duration) throws Exception {
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<List<Call>>> callers = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                callers.add(pool.submit(() -> {
                    List<Call> calls = new ArrayList<>();
                    while (System.nanoTime() < end) {
                        calls.add(call(start));
                        answered.incrementAndGet();
                    }
                    return calls;
                }));
            }
            List<Call> all = new ArrayList<>();
            for (Future<List<Call>> caller : callers) {
                all.addAll(caller.get(duration.plus(patience).toMillis() + 10_000, TimeUnit.MILLISECONDS));
            }
            all.sort((a, b) -> Long.compare(a.startMs(), b.startMs()));
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Calls answered so far (or given up on), while the run goes on: a test waits for load, not for time. */
    public int answered() {
        return answered.get();
    }

    /** The p-th percentile (0..100) of the calls' times, nearest rank. */
    public static long percentile(List<Call> calls, double p) {
        long[] times = calls.stream().mapToLong(Call::elapsedMs).sorted().toArray();
        if (times.length == 0) {
            throw new IllegalArgumentException("no calls");
        }
        int rank = (int) Math.ceil(p / 100 * times.length);
        return times[Math.max(0, Math.min(times.length, rank) - 1)];
    }

    /** A summary for assertion messages: count, failures, p50/p99/max and the first failures' bodies. */
    public static String summary(List<Call> calls) {
        List<Call> failed = calls.stream().filter(c -> !c.ok()).toList();
        return calls.size() + " calls, " + failed.size() + " failed, p50 " + percentile(calls, 50) + " ms, p99 "
                + percentile(calls, 99) + " ms, max " + percentile(calls, 100) + " ms; first failures: "
                + Arrays.toString(failed.stream().limit(5).toArray());
    }

    private Call call(long runStart) {
        long started = System.nanoTime();
        long startMs = TimeUnit.NANOSECONDS.toMillis(started - runStart);
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            int served = response.headers().firstValue("Grpc-Trailer-x-served-attempt").map(Integer::parseInt)
                    .orElse(0);
            return new Call(startMs, millisSince(started), response.statusCode(), served,
                    response.statusCode() == 200 ? null : response.body());
        } catch (HttpTimeoutException e) {
            return new Call(startMs, millisSince(started), -1, 0, "no answer within " + patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Call(startMs, millisSince(started), -1, 0, "interrupted");
        } catch (Exception e) {
            return new Call(startMs, millisSince(started), -1, 0, e.toString());
        }
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
