package io.grpclab.lab.retry;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.grpc.Status;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;

/**
 * What a traced call says about the retry machinery: whether the server saw the attempts the client
 * made, and why no further attempt was made. Computed from the trace, never from the configuration alone.
 */
final class RetryVerdict {

    /**
     * The client's attempts against the server's.
     *
     * @param clientAttempts attempts the client made (transparent retries excluded)
     * @param serverAttempts attempts whose trailers carried the server's x-served-attempt
     * @param consistent whether each attempt the server answered was the one the client counted
     * @param mismatches each disagreement, in words
     */
    public record ServerCheck(int clientAttempts, int serverAttempts, boolean consistent, List<String> mismatches) {
    }

    /** How an attempt the client gave up on (deadline, cancellation, a hedge that lost) looks in the trace. */
    private static final Set<String> CUT_SHORT = Set.of("CANCELLED", "DEADLINE_EXCEEDED", "IN_PROGRESS");

    private RetryVerdict() {
    }

    public static ServerCheck serverCheck(List<AttemptTrace.Attempt> attempts) {
        List<AttemptTrace.Attempt> counted = counted(attempts);
        List<String> mismatches = new ArrayList<>();
        int seen = 0;
        for (AttemptTrace.Attempt attempt : counted) {
            if (attempt.servedAs() == null) {
                if (!CUT_SHORT.contains(attempt.status())) {
                    mismatches.add("attempt " + attempt.number() + " ended " + attempt.status()
                            + " without an answer from the server");
                }
                continue;
            }
            seen++;
            if (attempt.servedAs() != attempt.number()) {
                mismatches.add("attempt " + attempt.number() + " was attempt " + attempt.servedAs()
                        + " for the server");
            }
        }
        return new ServerCheck(counted.size(), seen, mismatches.isEmpty(), mismatches);
    }

    /**
     * Why the call made no more attempts; null when it succeeded.
     *
     * @param deadlinePassed whether the call's deadline had passed when it ended
     */
    public static String stoppedBecause(Status.Code outcome, List<AttemptTrace.Attempt> attempts,
            Set<Status.Code> retryable, int effectiveMaxAttempts, Optional<ServiceConfigs.Throttling> throttling,
            boolean deadlinePassed) {
        if (outcome == Status.Code.OK) {
            return null;
        }
        List<AttemptTrace.Attempt> counted = counted(attempts);
        if (deadlinePassed || outcome == Status.Code.DEADLINE_EXCEEDED) {
            return "the deadline passed after " + counted.size() + " attempt(s): one deadline covers every attempt "
                    + "and every backoff";
        }
        AttemptTrace.Attempt last = counted.get(counted.size() - 1);
        if (last.pushbackMs() != null && last.pushbackMs() < 0) {
            return "the server's pushback (grpc-retry-pushback-ms: " + last.pushbackMs() + ") said not to retry";
        }
        if (counted.size() >= effectiveMaxAttempts) {
            return "all " + effectiveMaxAttempts + " attempts were used";
        }
        if (!retryable.contains(outcome) && last.pushbackMs() == null) {
            // grpc-java retries any status the server sends a pushback >= 0 with; without one, only these.
            return outcome + " is not in retryableStatusCodes " + retryable + ", so it is not retried";
        }
        if (throttling.isPresent()) {
            double tokens = tokensAfter(counted, retryable, throttling.get());
            int max = throttling.get().maxTokens();
            if (tokens <= max / 2.0) {
                return "retry throttling: " + counted.size() + " failed attempt(s) left " + tokens + " of " + max
                        + " tokens, and retries need more than " + (max / 2.0);
            }
        }
        return "no reason found: grpc-java stopped after " + counted.size() + " attempt(s)";
    }

    /** The token bucket after these attempts, as grpc-java keeps it (starting full, as on a new channel). */
    static double tokensAfter(List<AttemptTrace.Attempt> attempts, Set<Status.Code> retryable,
            ServiceConfigs.Throttling throttling) {
        double tokens = throttling.maxTokens();
        for (AttemptTrace.Attempt attempt : attempts) {
            if ("OK".equals(attempt.status())) {
                tokens = Math.min(throttling.maxTokens(), tokens + throttling.tokenRatio());
            } else if (retryable.stream().anyMatch(code -> code.name().equals(attempt.status()))) {
                tokens = Math.max(0, tokens - 1);
            }
        }
        return tokens;
    }

    private static List<AttemptTrace.Attempt> counted(List<AttemptTrace.Attempt> attempts) {
        return attempts.stream().filter(a -> a.transparentRetry() == null).toList();
    }
}
