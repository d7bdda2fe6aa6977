package io.grpclab.lab.hedging;

import java.time.Duration;
import java.util.ArrayList;
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

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.Metadata;
import io.grpclab.echo.EchoConfig;
import io.grpclab.echo.EchoWaits;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.RequestIds;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.catalogue.ScenarioConfig;
import io.grpclab.lab.clients.EchoClient;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /demo/hedging}: Echo over the hedging channel with a slow first attempt. grpc-java sends
 * another attempt every hedging delay until one answers, then cancels the rest; the report shows which
 * attempt won and, from the server's own record, that the slow one was dropped.
 */
@Path("/demo/hedging")
@Tag(name = ApiDocs.DEMO_TAG)
public class HedgingScenarioResource {

    private static final Duration SERVER_PATIENCE = Duration.ofMillis(500);

    private final EchoClient echo;
    private final Channel hedgingChannel;
    private final ServiceConfigs configs;
    private final EchoWaits waits;
    private final GatewayChannel lab;
    private final HttpToGrpc gateway;

    HedgingScenarioResource(EchoClient echo, @GrpcClient(GatewayChannel.HEDGING_NAME) Channel hedgingChannel,
            ServiceConfigs configs, EchoWaits waits, GatewayChannel lab, HttpToGrpc gateway) {
        this.echo = echo;
        this.hedgingChannel = hedgingChannel;
        this.configs = configs;
        this.waits = waits;
        this.lab = lab;
        this.gateway = gateway;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "Hedging sends the same call again before the first attempt answers, and the first answer wins.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"the first hedge slow too\", \"query\": \"slowAttempts=2\"}, {\"label\": \"faster than the hedging delay\", \"query\": \"slowMs=100\"}]", parseValue = true)
    @Operation(summary = "Hedging you can see", description = "Echo over the hedging channel with slow first attempts: "
            + "grpc-java sends another attempt every hedging delay until one answers and cancels the rest. Shows the "
            + "winner and the server's record of the dropped attempts.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = HedgingReport.class)))
    public Uni<HedgingReport> run(
            @QueryParam("slowMs") @DefaultValue("2000") @Min(0) @Max(EchoConfig.MAX_DELAY_MS) @Parameter(description = "how long the slow attempts wait on the server, in ms", example = "2000") int slowMs,
            @QueryParam("slowAttempts") @DefaultValue("1") @Min(1) @Max(100) @Parameter(description = "how many first attempts are slow", example = "1") int slowAttempts,
            @QueryParam("deadlineMs") @DefaultValue("5000") @Min(1) @Max(ScenarioConfig.MAX_DEADLINE_MS) @Parameter(description = "one deadline for all attempts, in ms", example = "5000") int deadlineMs) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("slowMs", slowMs);
        parameters.put("slowAttempts", slowAttempts);
        parameters.put("deadlineMs", deadlineMs);

        Metadata headers = gateway.demoMetadata();
        String requestId = headers.get(RequestIds.KEY);
        headers.put(FaultKnobs.ECHO_DELAY_MS, Integer.toString(slowMs));
        headers.put(FaultKnobs.ECHO_DELAY_ATTEMPTS, Integer.toString(slowAttempts));
        AttemptTrace trace = new AttemptTrace();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                .withStreamTracerFactory(trace);
        return echo.echo(hedgingChannel, "hedged", options, headers)
                .flatMap(result -> serverWaits(requestId, slowMs == 0 ? 0 : slowAttempts, trace)
                        .map(serverWaits -> report(parameters, result, trace, serverWaits)));
    }

    /** The server's record of each slow attempt that was sent. */
    private Uni<List<HedgingReport.ServerWait>> serverWaits(String requestId, int slowAttempts, AttemptTrace trace) {
        int sent = Math.min(slowAttempts, trace.attempts().size());
        if (sent == 0) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().range(1, sent + 1)
                .onItem().transformToUniAndConcatenate(attempt -> waits.ending(requestId, attempt, SERVER_PATIENCE)
                        .map(ending -> new HedgingReport.ServerWait(attempt,
                                ending.map(e -> e.ending().name()).orElse("UNKNOWN"),
                                ending.map(EchoWaits.Ended::afterMs).orElse(null))))
                .collect().asList();
    }

    private HedgingReport report(Map<String, Object> parameters, CallResult<?> result, AttemptTrace trace,
            List<HedgingReport.ServerWait> serverWaits) {
        List<AttemptTrace.Attempt> attempts = trace.attempts();
        Integer winner = result.ok() ? attempts.stream().filter(a -> "OK".equals(a.status()))
                .map(AttemptTrace.Attempt::number).findFirst().orElse(null) : null;
        return new HedgingReport("hedging", parameters, configs.hedgingPolicy(), configs.effectiveHedgedAttempts(),
                Outcome.of(result), result.elapsedMillis(), attempts, winner, serverWaits,
                explain(result, attempts, winner, serverWaits), lab.summary());
    }

    static String explain(CallResult<?> result, List<AttemptTrace.Attempt> attempts, Integer winner,
            List<HedgingReport.ServerWait> serverWaits) {
        if (winner == null) {
            return "No attempt answered: the call ended " + result.status().getCode() + " after " + attempts.size()
                    + " attempt(s).";
        }
        List<Integer> dropped = new ArrayList<>();
        serverWaits.stream().filter(w -> !"ANSWERED".equals(w.ended())).forEach(w -> dropped.add(w.attempt()));
        return "Attempt " + winner + " of " + attempts.size() + " answered after " + result.elapsedMillis()
                + " ms; " + (dropped.isEmpty() ? "no slow attempt was left to drop."
                        : "the server dropped the wait of attempt(s) " + dropped + " when the client cancelled them.");
    }
}
