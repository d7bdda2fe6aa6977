package io.grpclab.lab.trace;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpc.Attributes;
import io.grpc.ClientStreamTracer;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.grpc.RetryKeys;
import io.grpclab.grpc.StatusText;

/**
 * Every attempt grpc-java really makes for one call, seen below its retry and hedging machinery: it asks
 * this factory for a tracer each time it starts an attempt, and closes that tracer with the attempt's
 * status. Pass it with {@code CallOptions.withStreamTracerFactory}; one trace per call.
 */
public final class AttemptTrace extends ClientStreamTracer.Factory {

    /**
     * One attempt.
     *
     * @param number 1 for the first attempt (grpc-previous-rpc-attempts + 1)
     * @param transparentRetry grpc-java retried it on its own because it never reached the server; it does
     *        not count against maxAttempts
     * @param startMs when it started, from the start of the call
     * @param durationMs how long it ran; null if it had not ended when the call did
     * @param backoffBeforeMs the wait between the end of the previous attempt and this one's start (retries only)
     * @param status how it ended
     * @param servedAs the attempt number the server saw (its x-served-attempt trailer); null when no trailers came
     * @param pushbackMs the server's grpc-retry-pushback-ms, when it sent one
     * @param backend the address the attempt was sent to (host:port); null when it never got a connection
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Attempt(int number, Boolean transparentRetry, long startMs, Long durationMs, Long backoffBeforeMs,
            String status, String description, Integer servedAs, Long pushbackMs, String backend) {
    }

    private final long callStart = System.nanoTime();
    private final List<Recorder> recorders = new CopyOnWriteArrayList<>();

    @Override
    public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
        Recorder recorder = new Recorder(info.getPreviousAttempts() + 1, info.isTransparentRetry(), info.isHedging(),
                System.nanoTime());
        recorders.add(recorder);
        return recorder;
    }

    /** The attempts so far, in the order they started. */
    public List<Attempt> attempts() {
        List<Attempt> attempts = new ArrayList<>();
        Recorder previous = null;
        for (Recorder r : recorders) {
            Long backoff = previous != null && !r.hedge && previous.endNanos != 0
                    ? millis(r.startNanos - previous.endNanos)
                    : null;
            Status status = r.status;
            attempts.add(new Attempt(r.number, r.transparent ? Boolean.TRUE : null, millis(r.startNanos - callStart),
                    r.endNanos == 0 ? null : millis(r.endNanos - r.startNanos), backoff,
                    status == null ? "IN_PROGRESS" : status.getCode().name(),
                    status == null ? null : StatusText.forCaller(status, r.trailers),
                    intTrailer(r.trailers, RetryKeys.SERVED_ATTEMPT),
                    longTrailer(r.trailers, RetryKeys.RETRY_PUSHBACK), r.backend));
            previous = r;
        }
        return attempts;
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    private static Integer intTrailer(Metadata trailers, Metadata.Key<String> key) {
        Long value = longTrailer(trailers, key);
        return value == null ? null : value.intValue();
    }

    private static Long longTrailer(Metadata trailers, Metadata.Key<String> key) {
        String value = trailers == null ? null : trailers.get(key);
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static final class Recorder extends ClientStreamTracer {
        final int number;
        final boolean transparent;
        final boolean hedge;
        volatile long startNanos;
        volatile long endNanos;
        volatile Status status;
        volatile Metadata trailers;
        volatile String backend;

        Recorder(int number, boolean transparent, boolean hedge, long startNanos) {
            this.number = number;
            this.transparent = transparent;
            this.hedge = hedge;
            this.startNanos = startNanos;
        }

        /**
         * grpc-java creates an attempt's tracer and stream when it decides to retry, before the backoff; the
         * attempt starts when its headers go out, after the backoff.
         */
        @Override
        public void streamCreated(Attributes transportAttrs, Metadata headers) {
            if (transportAttrs.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) instanceof InetSocketAddress address) {
                backend = address.getHostString() + ":" + address.getPort();
            }
        }

        @Override
        public void outboundHeaders() {
            startNanos = System.nanoTime();
        }

        @Override
        public void inboundTrailers(Metadata received) {
            trailers = received;
            endNanos = System.nanoTime();
        }

        /**
         * grpc-java closes a failed attempt's tracer only once it has decided what comes next, after the
         * backoff; so an attempt ends when its trailers arrive, or when it closes if none did.
         */
        @Override
        public void streamClosed(Status closed) {
            status = closed;
            if (endNanos == 0) {
                endNanos = System.nanoTime();
            }
        }
    }
}
