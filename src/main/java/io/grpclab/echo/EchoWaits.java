package io.grpclab.echo;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;

/**
 * The Echo service's waits as the server saw them: how many are in progress, and how each one ended
 * (answered, or given up because the caller cancelled or its deadline passed). Lets a report show that
 * the server stopped working for a caller that left, instead of asserting it.
 */
@Singleton
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSW",
        "com.github.benmanes.caffeine.cache.PSWMS" }) // Caffeine loads them by name (NativeImageReflectionTests)
public class EchoWaits {

    /** How a wait ended. */
    public enum Ending {
        /** The delay passed and the server answered. */
        ANSWERED,
        /** The caller cancelled the call (or went away) before the delay passed. */
        CANCELLED,
        /** The call's deadline passed before the delay did. */
        DEADLINE_EXCEEDED
    }

    /** One finished wait, seen from the server. */
    public record Ended(String requestId, int attempt, long plannedMs, Ending ending, long afterMs) {
    }

    private static final int REMEMBERED = 50_000;

    private final AtomicInteger inProgress = new AtomicInteger();
    // Only waiting calls are recorded, and a report asks within seconds of its call's end: endings are forgotten after
    // longer than the longest deadline. The size is a memory guard far above what the demos need: Caffeine's size
    // eviction may drop a new entry first, which would leave a report without the server's side.
    private final Cache<String, CompletableFuture<Ended>> byRequestId = Caffeine.newBuilder().maximumSize(REMEMBERED)
            .expireAfterWrite(Duration.ofSeconds(70)).build();

    /** Waits in progress right now. */
    public int inProgress() {
        return inProgress.get();
    }

    /** Starts tracking the wait of one attempt; {@code requestId} may be null (then it is only counted). */
    Wait begin(String requestId, int attempt, Duration planned) {
        inProgress.incrementAndGet();
        return new Wait(requestId, attempt, planned.toMillis(), System.nanoTime());
    }

    /** How the first attempt of the call with this request id ended; see {@link #ending(String, int, Duration)}. */
    public Uni<Optional<Ended>> ending(String requestId, Duration patience) {
        return ending(requestId, 1, patience);
    }

    /**
     * How the wait of this attempt of the call with this request id ended, once it has; empty if the
     * server did not see it end within {@code patience}.
     */
    public Uni<Optional<Ended>> ending(String requestId, int attempt, Duration patience) {
        return Uni.createFrom().completionStage(futureFor(requestId + "#" + attempt))
                .map(Optional::of)
                .ifNoItem().after(patience).recoverWithItem(Optional.empty());
    }

    private CompletableFuture<Ended> futureFor(String key) {
        return byRequestId.get(key, id -> new CompletableFuture<>());
    }

    /** One wait in progress; {@link #end} counts only once, whichever of timer and cancellation comes first. */
    final class Wait {
        private final String requestId;
        private final int attempt;
        private final long plannedMs;
        private final long startNanos;
        private final AtomicBoolean ended = new AtomicBoolean();

        private Wait(String requestId, int attempt, long plannedMs, long startNanos) {
            this.requestId = requestId;
            this.attempt = attempt;
            this.plannedMs = plannedMs;
            this.startNanos = startNanos;
        }

        /** @return false when the wait had already ended */
        boolean end(Ending ending) {
            if (!ended.compareAndSet(false, true)) {
                return false;
            }
            inProgress.decrementAndGet();
            if (requestId != null) {
                long afterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                futureFor(requestId + "#" + attempt)
                        .complete(new Ended(requestId, attempt, plannedMs, ending, afterMs));
            }
            return true;
        }
    }
}
