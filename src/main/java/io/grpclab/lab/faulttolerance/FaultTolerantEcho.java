package io.grpclab.lab.faulttolerance;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import io.grpc.CallOptions;
import io.grpc.StatusRuntimeException;
import io.grpclab.lab.clients.EchoClient;
import io.smallrye.faulttolerance.api.AsynchronousNonBlocking;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.mutiny.Uni;

/**
 * Echo through the gateway's retrying channel, wrapped in SmallRye Fault Tolerance: each application-level
 * attempt is a whole gRPC call with its own gRPC retries inside. @Timeout gives up on a Uni without cancelling
 * it, so the caller caps each call's gRPC deadline at the timeout: the deadline is what stops the server. The values
 * below are defaults; the MicroProfile keys
 * {@code io.grpclab.faulttolerance.FaultTolerantEcho/call/<Annotation>/<parameter>} in application.properties
 * override them ({@link FaultToleranceSettings} reads the same keys).
 */
@ApplicationScoped
public class FaultTolerantEcho {

    static final String BREAKER = "echo-gateway";
    static final int MAX_RETRIES = 2;
    static final long RETRY_DELAY_MS = 100;
    static final long TIMEOUT_MS = 2000;
    static final int CB_REQUEST_VOLUME = 4;
    static final double CB_FAILURE_RATIO = 0.5;
    static final long CB_DELAY_MS = 5000;
    static final int CB_SUCCESS_THRESHOLD = 1;
    static final int BULKHEAD = 4;
    static final int BULKHEAD_QUEUE = 4;

    private final EchoClient echo;

    FaultTolerantEcho(EchoClient echo) {
        this.echo = echo;
    }

    @AsynchronousNonBlocking
    @Fallback(EchoFallback.class)
    @Retry(maxRetries = MAX_RETRIES, delay = RETRY_DELAY_MS, jitter = 0, retryOn = { StatusRuntimeException.class,
            TimeoutException.class })
    @CircuitBreaker(requestVolumeThreshold = CB_REQUEST_VOLUME, failureRatio = CB_FAILURE_RATIO, delay = CB_DELAY_MS, successThreshold = CB_SUCCESS_THRESHOLD, skipOn = BulkheadException.class) // a full bulkhead is not a sick server
    @CircuitBreakerName(BREAKER)
    @Timeout(TIMEOUT_MS)
    @Bulkhead(value = BULKHEAD, waitingTaskQueue = BULKHEAD_QUEUE)
    public Uni<String> call(FtRun run) {
        FtRun.Recorder attempt = run.startAttempt();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(run.grpcDeadlineMs(), TimeUnit.MILLISECONDS)
                .withStreamTracerFactory(attempt.trace);
        return echo.echo(echo.channel(), "fault tolerant", options, run.headers())
                .map(result -> {
                    attempt.finished(result);
                    if (!result.ok()) {
                        throw result.status().asRuntimeException();
                    }
                    return result.response().getEchoMessage();
                });
    }
}
