package io.grpclab.lab.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;

class RetryVerdictTest {

    static final Set<Status.Code> RETRYABLE = EnumSet.of(Status.Code.UNAVAILABLE);

    static AttemptTrace.Attempt attempt(int number, String status, Integer servedAs, Long pushbackMs) {
        return new AttemptTrace.Attempt(number, null, 0, 1L, null, status, null, servedAs, pushbackMs, null);
    }

    @Test
    void anAttemptTheServerCountedDifferentlyIsAMismatch() {
        RetryVerdict.ServerCheck check = RetryVerdict.serverCheck(List.of(attempt(1, "UNAVAILABLE", 1, null),
                attempt(2, "OK", 3, null)));

        assertThat(check.consistent()).isFalse();
        assertThat(check.mismatches()).containsExactly("attempt 2 was attempt 3 for the server");
    }

    @Test
    void anAttemptTheServerNeverAnsweredIsAMismatchUnlessTheClientCutItShort() {
        assertThat(RetryVerdict.serverCheck(List.of(attempt(1, "UNAVAILABLE", null, null))).consistent()).isFalse();
        assertThat(RetryVerdict.serverCheck(List.of(attempt(1, "CANCELLED", null, null))).consistent()).isTrue();
    }

    @Test
    void throttlingIsNamedWhenTheBucketIsAtHalf() {
        List<AttemptTrace.Attempt> attempts = List.of(attempt(1, "UNAVAILABLE", 1, null),
                attempt(2, "UNAVAILABLE", 2, null));

        assertThat(RetryVerdict.stoppedBecause(Status.Code.UNAVAILABLE, attempts, RETRYABLE, 10,
                Optional.of(new ServiceConfigs.Throttling(4, 0.5)), false)).startsWith("retry throttling");
    }

    @Test
    void grpcRetriesAnyStatusThatCameWithAPushback() {
        List<AttemptTrace.Attempt> attempts = List.of(attempt(1, "INTERNAL", 1, 10L), attempt(2, "INTERNAL", 2, 10L));

        assertThat(RetryVerdict.stoppedBecause(Status.Code.INTERNAL, attempts, RETRYABLE, 2, Optional.empty(), false))
                .isEqualTo("all 2 attempts were used");
    }
}
