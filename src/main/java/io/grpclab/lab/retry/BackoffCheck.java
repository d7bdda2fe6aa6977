package io.grpclab.lab.retry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;

/**
 * Each measured backoff against the policy. gRFC A6 waits {@code random(0, bound)} before retry n, with
 * {@code bound = min(initialBackoff * multiplier^(n-1), maxBackoff)}; grpc-java 1.79 waits
 * {@code bound * random(0.4, 1.2)} instead (RetriableStream.intervalWithJitter, switched by the flag
 * GRPC_EXPERIMENTAL_XDS_RLS_LB, on by default). A server pushback replaces the wait and resets the bound.
 */
final class BackoffCheck {

    /** Scheduling slack allowed on top of the wait grpc-java chose. */
    static final long SLACK_MS = 50;

    /**
     * @param rule the rule applied, in words
     * @param checks one per retry
     */
    public record Backoff(String rule, List<Check> checks) {
    }

    /** Where the expected wait came from. */
    public enum Source {
        /** the policy's backoff, grpc-java's jitter applied */
        POLICY,
        /** the server's grpc-retry-pushback-ms, which replaces the backoff */
        PUSHBACK
    }

    /**
     * A range of milliseconds, both ends included: numbers a client can draw or compare (it was one string,
     * {@code "300..350 (pushback)"}, which the lab page had to parse and once drew as NaN).
     */
    public record Range(long minMs, long maxMs) {

        /** Whether a measured wait fell in it; a millisecond short of it counts (the timer's rounding). */
        boolean holds(long waitedMs) {
            return waitedMs >= minMs - 1 && waitedMs <= maxMs;
        }
    }

    /**
     * @param attempt the attempt the wait came before
     * @param waitedMs the measured wait
     * @param boundMs the policy's bound for this retry; null when a pushback set the wait
     * @param expectedMs the range the wait should fall in, slack included
     * @param source whether the policy or the server's pushback set the range
     * @param ok whether the wait fell in it
     */
    public record Check(int attempt, long waitedMs, Long boundMs, Range expectedMs, Source source, boolean ok) {
    }

    private BackoffCheck() {
    }

    /** A grpc-java flag as grpc-java reads it (GrpcUtil.getFlag, internal): the environment, then a system property. */
    static boolean flag(String name, boolean fallback) {
        String value = System.getenv(name);
        if (value == null) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? fallback : Boolean.parseBoolean(value.trim());
    }

    public static Backoff of(List<AttemptTrace.Attempt> attempts, ServiceConfigs.RetryPolicy policy) {
        boolean grpcJitter = flag("GRPC_EXPERIMENTAL_XDS_RLS_LB", true);
        double low = grpcJitter ? 0.4 : 0;
        double high = grpcJitter ? 1.2 : 1;
        long initial = millis(policy.initialBackoff());
        long max = millis(policy.maxBackoff());
        double bound = initial;
        List<Check> checks = new ArrayList<>();
        AttemptTrace.Attempt previous = null;
        for (AttemptTrace.Attempt attempt : attempts) {
            if (attempt.transparentRetry() != null) {
                continue;
            }
            if (previous != null && attempt.backoffBeforeMs() != null) {
                long waited = attempt.backoffBeforeMs();
                if (previous.pushbackMs() != null && previous.pushbackMs() >= 0) {
                    long pushback = previous.pushbackMs();
                    Range expected = new Range(pushback, pushback + SLACK_MS);
                    checks.add(new Check(attempt.number(), waited, null, expected, Source.PUSHBACK,
                            expected.holds(waited)));
                    bound = initial;
                } else {
                    Range expected = new Range((long) Math.floor(bound * low),
                            (long) Math.ceil(bound * high) + SLACK_MS);
                    checks.add(new Check(attempt.number(), waited, Math.round(bound), expected, Source.POLICY,
                            expected.holds(waited)));
                    bound = Math.min(bound * policy.backoffMultiplier(), max);
                }
            }
            previous = attempt;
        }
        String rule = "before retry n, grpc-java waits min(initialBackoff * backoffMultiplier^(n-1), maxBackoff) times "
                + (grpcJitter ? "random(0.4, 1.2)" : "random(0, 1)") + ", or the server's pushback; plus up to "
                + SLACK_MS + " ms of scheduling";
        return new Backoff(rule, checks);
    }

    private static long millis(String serviceConfigDuration) {
        return Duration.parse("PT" + serviceConfigDuration.toUpperCase()).toMillis();
    }
}
