package io.grpclab.lab.faulttolerance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpc.Metadata;
import io.grpclab.grpc.CallResult;
import io.grpclab.lab.trace.AttemptTrace;
import io.smallrye.mutiny.Uni;

/**
 * One run of the fault-tolerant call: the application-level attempts SmallRye Fault Tolerance made, each
 * with the gRPC attempts grpc-java made inside it, and what the fallback saw. Filled in as it happens.
 */
final class FtRun {

    /**
     * One application-level attempt: one gRPC call, with its own gRPC retries.
     *
     * @param result the gRPC call's status; IN_PROGRESS if it had not ended when the report was made
     * @param abandoned true when Fault Tolerance moved on (@Timeout) while the gRPC call went on: a Uni is not
     *        cancelled by @Timeout, so the call ends only at its own deadline
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AppAttempt(int number, long startMs, Long durationMs, String result, Boolean abandoned,
            List<AttemptTrace.Attempt> grpcAttempts) {
    }

    private final long start = System.nanoTime();
    private final Metadata headers;
    private final long grpcDeadlineMs;
    private final List<Recorder> attempts = new CopyOnWriteArrayList<>();
    private volatile String fallbackReason;
    private volatile long fallbackNanos;

    FtRun(Metadata headers, long grpcDeadlineMs) {
        this.headers = headers;
        this.grpcDeadlineMs = grpcDeadlineMs;
    }

    /** A copy per call: grpc-java adds its own entries to the metadata object it sends. */
    Metadata headers() {
        Metadata copy = new Metadata();
        copy.merge(headers);
        return copy;
    }

    long grpcDeadlineMs() {
        return grpcDeadlineMs;
    }

    Recorder startAttempt() {
        Recorder recorder = new Recorder(attempts.size() + 1, System.nanoTime());
        attempts.add(recorder);
        return recorder;
    }

    void fellBack(String reason) {
        fallbackNanos = System.nanoTime();
        fallbackReason = reason;
    }

    /** Completes when every attempt's gRPC call has ended, or after {@code patience}. */
    public Uni<Void> settled(Duration patience) {
        CompletableFuture<?>[] done = attempts.stream().map(r -> r.done).toArray(CompletableFuture[]::new);
        return Uni.createFrom().completionStage(CompletableFuture.allOf(done)).replaceWithVoid()
                .ifNoItem().after(patience).recoverWithItem((Void) null);
    }

    /** Why the fallback answered; null when the service did. */
    public String fallbackReason() {
        return fallbackReason;
    }

    public List<AppAttempt> attempts() {
        List<AppAttempt> views = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            Recorder r = attempts.get(i);
            long movedOn = i + 1 < attempts.size() ? attempts.get(i + 1).startNanos : fallbackNanos;
            boolean abandoned = movedOn != 0 && (r.endNanos == 0 || r.endNanos > movedOn);
            views.add(new AppAttempt(r.number, millis(r.startNanos - start),
                    r.endNanos == 0 ? null : millis(r.endNanos - r.startNanos),
                    r.result == null ? "IN_PROGRESS" : r.result,
                    abandoned ? Boolean.TRUE : null, r.trace.attempts()));
        }
        return views;
    }

    public int grpcAttempts() {
        return attempts.stream().mapToInt(r -> r.trace.attempts().size()).sum();
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    /** The record of one application-level attempt. */
    static final class Recorder {
        final int number;
        final long startNanos;
        final AttemptTrace trace = new AttemptTrace();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        volatile long endNanos;
        volatile String result;

        Recorder(int number, long startNanos) {
            this.number = number;
            this.startNanos = startNanos;
        }

        void finished(CallResult<?> call) {
            endNanos = System.nanoTime();
            result = call.status().getCode().name();
            done.complete(null);
        }
    }
}
