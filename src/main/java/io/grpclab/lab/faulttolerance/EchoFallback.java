package io.grpclab.lab.faulttolerance;

import org.eclipse.microprofile.faulttolerance.ExecutionContext;
import org.eclipse.microprofile.faulttolerance.FallbackHandler;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.grpc.StatusRuntimeException;
import io.smallrye.mutiny.Uni;

/** Answers when the fault-tolerant call gives up, and records why. */
public class EchoFallback implements FallbackHandler<Uni<String>> {

    static final String ANSWER = "fallback answer";

    @Override
    public Uni<String> handle(ExecutionContext context) {
        FtRun run = (FtRun) context.getParameters()[0];
        run.fellBack(reason(context.getFailure(), run.attempts().size()));
        return Uni.createFrom().item(ANSWER);
    }

    /**
     * Why the fallback answered, in words that match what was drawn: a breaker or a bulkhead that refused the first
     * attempt means no call at all, one that refused a retry means the attempts before it were made.
     *
     * @param attempts the application attempts made before the fallback
     */
    static String reason(Throwable failure, int attempts) {
        if (failure instanceof CircuitBreakerOpenException) {
            return attempts == 0 ? "the circuit breaker is open: the call was not attempted"
                    : "the circuit breaker opened: the retry after attempt " + attempts + " was refused without a call";
        }
        if (failure instanceof BulkheadException) {
            return attempts == 0 ? "the bulkhead is full: the call was not attempted"
                    : "the bulkhead was full: the retry after attempt " + attempts + " was refused without a call";
        }
        if (failure instanceof TimeoutException) {
            return "the last attempt hit @Timeout";
        }
        if (failure instanceof StatusRuntimeException grpc) {
            return "the last attempt failed with " + grpc.getStatus().getCode();
        }
        return failure == null ? "unknown" : "the last attempt failed with " + failure.getClass().getSimpleName();
    }
}
