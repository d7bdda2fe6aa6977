package io.grpclab.lab.faulttolerance;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.echo.EchoConfig;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.faults.Faults;
import io.grpclab.grpc.FailureCode;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.catalogue.ScenarioConfig;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /demo/fault-tolerance}: SmallRye Fault Tolerance (@Retry, @Timeout, @CircuitBreaker, @Bulkhead,
 * @Fallback) around a gateway call that gRPC itself retries. The server fails the first calls on purpose; the
 * report shows each application-level attempt with the gRPC attempts inside it, the breaker's changes, and
 * whether the fallback answered.
 */
@Path("/demo/fault-tolerance")
@Tag(name = ApiDocs.DEMO_TAG)
public class FaultToleranceScenarioResource {

    /** How long the report waits for abandoned gRPC calls to end, to show how they did. */
    private static final Duration SETTLE_PATIENCE = Duration.ofSeconds(1);

    private final FaultTolerantEcho echo;
    private final FaultToleranceSettings settings;
    private final BreakerWatch breaker;
    private final HttpToGrpc gateway;
    private final GatewayChannel lab;

    FaultToleranceScenarioResource(FaultTolerantEcho echo, FaultToleranceSettings settings, BreakerWatch breaker,
            HttpToGrpc gateway, GatewayChannel lab) {
        this.echo = echo;
        this.settings = settings;
        this.breaker = breaker;
        this.gateway = gateway;
        this.lab = lab;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "Application-level retries on top of gRPC retries multiply the attempts a server sees.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a wait longer than @Timeout\", \"query\": \"failCalls=0&delayMs=3000&resetBreaker=true\"}, {\"label\": \"a shorter gRPC deadline\", \"query\": \"grpcDeadlineMs=500\"}]", parseValue = true)
    @Operation(summary = "SmallRye Fault Tolerance over gRPC retries", description = "@Retry, @Timeout, "
            + "@CircuitBreaker, @Bulkhead and @Fallback around a gateway call that gRPC retries too. Shows each "
            + "application-level attempt with the gRPC attempts inside it, the breaker's changes, and whether the "
            + "fallback answered.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = FaultToleranceReport.class)))
    public Uni<FaultToleranceReport> run(
            @QueryParam("failCalls") @DefaultValue("2") @Min(0) @Max(Faults.MAX_FAIL_ATTEMPTS) @Parameter(description = "the server fails the first N calls of this request, every gRPC attempt of them", example = "2") int failCalls,
            @QueryParam("code") @DefaultValue("UNAVAILABLE") @FailureCode @Parameter(description = "the status of those failures (UNAVAILABLE is also retried by gRPC inside "
                    + "each call)", example = "INTERNAL") Status.Code code,
            @QueryParam("delayMs") @DefaultValue("0") @Min(0) @Max(EchoConfig.MAX_DELAY_MS) @Parameter(description = "the server's wait per call, in ms (try it against @Timeout)", example = "0") int delayMs,
            @QueryParam("grpcDeadlineMs") @DefaultValue("5000") @Min(1) @Max(ScenarioConfig.MAX_DEADLINE_MS) @Parameter(description = "the deadline of each gRPC call, in ms (capped at @Timeout)", example = "5000") int grpcDeadlineMs,
            @QueryParam("resetBreaker") @DefaultValue("false") @Parameter(description = "close the circuit breaker first: it is shared by every call") boolean reset) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("failCalls", failCalls);
        parameters.put("code", code.name());
        parameters.put("delayMs", delayMs);
        parameters.put("grpcDeadlineMs", grpcDeadlineMs);
        parameters.put("resetBreaker", reset);
        if (reset) {
            breaker.reset();
        }

        Metadata headers = gateway.demoMetadata();
        headers.put(FaultKnobs.FAIL_CALLS, Integer.toString(failCalls));
        headers.put(FaultKnobs.FAIL_CODE, code.name());
        headers.put(FaultKnobs.ECHO_DELAY_MS, Integer.toString(delayMs));
        // @Timeout abandons the call without cancelling it: a deadline no longer than the timeout ends it.
        long effectiveDeadlineMs = Math.min(grpcDeadlineMs, settings.settings().timeoutMs());
        parameters.put("effectiveGrpcDeadlineMs", effectiveDeadlineMs);
        FtRun run = new FtRun(headers, effectiveDeadlineMs);
        Instant started = Instant.now();
        String before = breaker.state();
        long start = System.nanoTime();
        return echo.call(run).flatMap(answer -> {
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            return run.settled(SETTLE_PATIENCE)
                    .map(settled -> report(parameters, run, answer, before, started, elapsedMs));
        });
    }

    private FaultToleranceReport report(Map<String, Object> parameters, FtRun run, String answer, String before,
            Instant started, long elapsedMs) {
        List<FtRun.AppAttempt> attempts = run.attempts();
        // No attempt at all: the breaker or the bulkhead refused the call. UNAVAILABLE is what the caller would have
        // got without the fallback, as Envoy and Armeria answer a call their open breaker refuses.
        Outcome outcome = attempts.isEmpty() ? new Outcome(Status.Code.UNAVAILABLE.name(), run.fallbackReason())
                : new Outcome(attempts.get(attempts.size() - 1).result(), run.fallbackReason());
        return new FaultToleranceReport("fault-tolerance", parameters, settings.settings(), settings.amplification(),
                run.fallbackReason() == null ? "service" : "fallback", answer, run.fallbackReason(), outcome, elapsedMs,
                attempts, run.grpcAttempts(), new FaultToleranceReport.Breaker(FaultTolerantEcho.BREAKER, before,
                        breaker.state(), breaker.since(started)),
                lab.summary());
    }
}
