package io.grpclab.faulttolerance;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpc.Metadata;
import io.grpclab.grpc.AttemptTrace;
import io.grpclab.grpc.CallResult;

/**
 * One run of the fault-tolerant call: the application-level attempts SmallRye Fault Tolerance made, each
 * with the gRPC attempts grpc-java made inside it, and what the fallback saw. Filled in as it happens.
 */
public final class FtRun {

    /** One application-level attempt: one gRPC call, with its own gRPC retries. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AppAttempt(int number, long startMs, Long durationMs, String result,
            List<AttemptTrace.Attempt> grpcAttempts) {
    }

    private final long start = System.nanoTime();
    private final Metadata headers;
    private final long grpcDeadlineMs;
    private final List<Recorder> attempts = new CopyOnWriteArrayList<>();
    private volatile String fallbackReason;

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
        fallbackReason = reason;
    }

    /** Why the fallback answered; null when the service did. */
    public String fallbackReason() {
        return fallbackReason;
    }

    public List<AppAttempt> attempts() {
        return attempts.stream().map(r -> new AppAttempt(r.number, millis(r.startNanos - start),
                r.endNanos == 0 ? null : millis(r.endNanos - r.startNanos), r.result == null ? "CANCELLED" : r.result,
                r.trace.attempts())).toList();
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
        volatile long endNanos;
        volatile String result;

        Recorder(int number, long startNanos) {
            this.number = number;
            this.startNanos = startNanos;
        }

        void finished(CallResult<?> call) {
            endNanos = System.nanoTime();
            result = call.status().getCode().name();
        }

        /** Cut short from outside, as @Timeout does. */
        void cancelled(String why) {
            if (result == null) {
                endNanos = System.nanoTime();
                result = why;
            }
        }
    }
}
