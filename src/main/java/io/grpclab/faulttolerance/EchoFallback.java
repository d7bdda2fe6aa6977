package io.grpclab.faulttolerance;

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
        run.fellBack(reason(context.getFailure()));
        return Uni.createFrom().item(ANSWER);
    }

    static String reason(Throwable failure) {
        if (failure instanceof CircuitBreakerOpenException) {
            return "the circuit breaker is open: the call was not attempted";
        }
        if (failure instanceof BulkheadException) {
            return "the bulkhead is full: the call was not attempted";
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
