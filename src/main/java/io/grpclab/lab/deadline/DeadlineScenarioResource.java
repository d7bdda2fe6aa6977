package io.grpclab.lab.deadline;

import java.time.Duration;
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

import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
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
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /demo/deadline}: the seed's first example. Echo with a client deadline against a server
 * that waits; by default the seed's 1 s deadline against its 2 s wait, which ends in DEADLINE_EXCEEDED.
 */
@Path("/demo/deadline")
@Tag(name = ApiDocs.DEMO_TAG)
public class DeadlineScenarioResource {

    /** How long the report waits for the server to record the end of its wait. */
    private static final Duration SERVER_PATIENCE = Duration.ofMillis(500);

    private final EchoClient echo;
    private final EchoWaits waits;
    private final GatewayChannel channel;
    private final HttpToGrpc gateway;

    DeadlineScenarioResource(EchoClient echo, EchoWaits waits, GatewayChannel channel, HttpToGrpc gateway) {
        this.echo = echo;
        this.waits = waits;
        this.channel = channel;
        this.gateway = gateway;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "A deadline ends the call for the client, not the work on the server: see where each one stops.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a deadline just short of the wait\", \"query\": \"deadlineMs=1900&delayMs=2000\"}, {\"label\": \"one just long enough\", \"query\": \"deadlineMs=2100&delayMs=2000\"}]", parseValue = true)
    @Operation(summary = "A client deadline against a server that waits", description = "EchoService.Echo with a "
            + "deadline of deadlineMs against a server that waits delayMs; the seed's 1 s against 2 s by default. The "
            + "report has the outcome, the time the client waited, and the server's own record of its wait.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = DeadlineReport.class)))
    public Uni<DeadlineReport> run(
            @QueryParam("deadlineMs") @DefaultValue("1000") @Min(1) @Max(ScenarioConfig.MAX_DEADLINE_MS) @Parameter(description = "the client's deadline for the call, in ms", example = "1000") int deadlineMs,
            @QueryParam("delayMs") @DefaultValue("2000") @Min(0) @Max(EchoConfig.MAX_DELAY_MS) @Parameter(description = "how long the server waits before answering, in ms", example = "2000") int delayMs) {
        Metadata headers = gateway.demoMetadata();
        String requestId = headers.get(RequestIds.KEY);
        headers.put(FaultKnobs.ECHO_DELAY_MS, Integer.toString(delayMs));
        long start = System.nanoTime();
        return echo.echo("Hello, gRPC!", Deadline.after(deadlineMs, TimeUnit.MILLISECONDS), headers)
                .flatMap(result -> {
                    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                    return serverSide(requestId, delayMs)
                            .map(server -> report(deadlineMs, delayMs, result, elapsedMs, server));
                });
    }

    private Uni<DeadlineReport.ServerSide> serverSide(String requestId, int delayMs) {
        if (delayMs == 0) {
            return Uni.createFrom().nullItem();
        }
        return waits.ending(requestId, SERVER_PATIENCE).map(ending -> new DeadlineReport.ServerSide(requestId,
                ending.map(e -> e.ending().name()).orElse("UNKNOWN"),
                ending.map(EchoWaits.Ended::afterMs).orElse(null),
                waits.inProgress()));
    }

    /** {@code elapsedMs} counts from when the deadline was set, which is what the deadline is measured against. */
    private DeadlineReport report(int deadlineMs, int delayMs, CallResult<?> result, long elapsedMs,
            DeadlineReport.ServerSide server) {
        return new DeadlineReport("deadline", Map.of("deadlineMs", deadlineMs, "delayMs", delayMs), deadlineMs, delayMs,
                Outcome.of(result), elapsedMs, server, channel.summary(),
                explain(deadlineMs, delayMs, result.status().getCode(), elapsedMs, server));
    }

    static String explain(int deadlineMs, int delayMs, Status.Code code, long elapsedMs,
            DeadlineReport.ServerSide server) {
        if (code == Status.Code.OK) {
            return "The server answered after " + elapsedMs + " ms, within the " + deadlineMs
                    + " ms deadline.";
        }
        if (code != Status.Code.DEADLINE_EXCEEDED) {
            return "The call failed with " + code + " before either the deadline or the server's wait ended.";
        }
        String serverPart = server == null || server.afterMs() == null
                ? "The server did not report the end of its wait within " + SERVER_PATIENCE.toMillis() + " ms."
                : "The server saw the call end (" + server.waitEnded() + ") after " + server.afterMs()
                        + " ms and dropped its wait instead of finishing it; " + server.waitsInProgress()
                        + " wait(s) still in progress.";
        return "The " + deadlineMs + " ms deadline passed before the server's " + delayMs + " ms wait did: the client "
                + "stopped after " + elapsedMs + " ms with DEADLINE_EXCEEDED. " + serverPart;
    }
}
