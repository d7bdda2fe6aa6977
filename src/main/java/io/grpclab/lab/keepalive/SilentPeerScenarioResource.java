package io.grpclab.lab.keepalive;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.edge.InvalidParameterException;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.CallResult;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.clients.EchoClient;
import io.grpclab.lab.clients.LabChannels;
import io.grpclab.lab.network.FaultProxies;
import io.grpclab.lab.network.FaultProxy;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /demo/keepalive/silent-peer}: the seed's keepalive in action. A call through a fault proxy of the run's
 * own asks the server to wait; the peer then goes silent (nothing forwarded, nothing closed). With keepalive the
 * client's ping goes unanswered and it gives the connection up after time + timeout, the call ends UNAVAILABLE, and
 * the retry policy tries again on a new connection; without, the call waits out its deadline on a connection the
 * channel still thinks READY.
 */
@Path("/demo/keepalive/silent-peer")
@Tag(name = ApiDocs.DEMO_TAG)
public class SilentPeerScenarioResource {

    private final FaultProxies proxies;
    private final LabChannels channels;
    private final EchoClient echo;
    private final ServiceConfigs policies;
    private final HttpToGrpc gateway;

    SilentPeerScenarioResource(FaultProxies proxies, LabChannels channels, EchoClient echo, ServiceConfigs policies,
            HttpToGrpc gateway) {
        this.proxies = proxies;
        this.channels = channels;
        this.echo = echo;
        this.policies = policies;
        this.gateway = gateway;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "Only keepalive finds a peer that went silent; without it, a call waits out its deadline on a dead connection.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a later ping\", \"query\": \"keepAliveTimeMs=20000\"}, {\"label\": \"no retry policy\", \"query\": \"retry=false\"}, {\"label\": \"no keepalive\", \"query\": \"keepalive=false&deadlineMs=5000\"}]", parseValue = true)
    @Operation(summary = "Keepalive against a silent peer", description = "A call through a fault proxy whose peer "
            + "goes silent mid-call: with keepalive the client finds the dead connection after time + timeout and "
            + "the retry policy moves the call to a new one; without, the call waits out its deadline. Takes "
            + "about keepAliveTimeMs + keepAliveTimeoutMs with keepalive, deadlineMs without.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = SilentPeerReport.class)))
    public Uni<SilentPeerReport> run(
            @QueryParam("keepalive") @DefaultValue("true") @Parameter(description = "whether the run's channel "
                    + "pings") boolean keepalive,
            @QueryParam("keepAliveTimeMs") @DefaultValue("10000") @Min(10_000) @Max(60_000) @Parameter(description = "a "
                    + "ping after this long without reads (grpc-java raises anything below 10 s to 10 s)") int keepAliveTimeMs,
            @QueryParam("keepAliveTimeoutMs") @DefaultValue("5000") @Min(1000) @Max(20_000) @Parameter(description = "the "
                    + "connection is given up when a ping's ack takes longer") int keepAliveTimeoutMs,
            @QueryParam("silenceAfterMs") @DefaultValue("500") @Min(0) @Max(5000) @Parameter(description = "when the "
                    + "peer goes silent, after the call starts") int silenceAfterMs,
            @QueryParam("delayMs") @DefaultValue("2000") @Min(0) @Max(30_000) @Parameter(description = "how long the "
                    + "server waits before it answers") int delayMs,
            @QueryParam("deadlineMs") @DefaultValue("30000") @Min(1000) @Max(60_000) @Parameter(description = "the "
                    + "call's deadline, for every attempt together") int deadlineMs,
            @QueryParam("retry") @DefaultValue("true") @Parameter(description = "whether the run's channel has the "
                    + "retry policy (lab.retry.*), which retries UNAVAILABLE") boolean retry)
            throws InterruptedException {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("keepalive", keepalive);
        parameters.put("keepAliveTimeMs", keepAliveTimeMs);
        parameters.put("keepAliveTimeoutMs", keepAliveTimeoutMs);
        parameters.put("silenceAfterMs", silenceAfterMs);
        parameters.put("delayMs", delayMs);
        parameters.put("deadlineMs", deadlineMs);
        parameters.put("retry", retry);
        SilentPeerReport.Keepalive settings = keepalive
                ? new SilentPeerReport.Keepalive(true, (long) keepAliveTimeMs, (long) keepAliveTimeoutMs)
                : new SilentPeerReport.Keepalive(false, null, null);
        SilentPeerRun run = open(settings, retry);
        Metadata headers = gateway.demoMetadata();
        headers.put(FaultKnobs.ECHO_DELAY_MS, Integer.toString(delayMs));
        AttemptTrace trace = new AttemptTrace();
        CallOptions options = CallOptions.DEFAULT.withDeadline(Deadline.after(deadlineMs, TimeUnit.MILLISECONDS))
                .withStreamTracerFactory(trace);
        Uni<CallResult<?>> call = echo.echo(run.channel(), "silent peer", options, headers).map(r -> r);
        run.channel().getState(true);
        Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(silenceAfterMs)).subscribe()
                .with(ignored -> run.silence(Duration.ofMillis(deadlineMs)));
        return call.map(result -> report(parameters, settings, run, trace, result))
                .eventually(run::close);
    }

    private SilentPeerRun open(SilentPeerReport.Keepalive keepalive, boolean retry) throws InterruptedException {
        FaultProxy proxy;
        try {
            proxy = proxies.open("keepalive-silent-peer");
        } catch (IllegalStateException e) {
            throw new InvalidParameterException("keepalive", e.getMessage());
        }
        try {
            return new SilentPeerRun(proxy, channels.secured(builder(proxy.port(), keepalive, retry)).build());
        } catch (RuntimeException e) {
            proxy.close();
            throw e;
        }
    }

    private NettyChannelBuilder builder(int port, SilentPeerReport.Keepalive keepalive, boolean retry) {
        NettyChannelBuilder builder = NettyChannelBuilder.forAddress("localhost", port);
        if (keepalive.enabled()) {
            builder.keepAliveTime(keepalive.timeMs(), TimeUnit.MILLISECONDS)
                    .keepAliveTimeout(keepalive.timeoutMs(), TimeUnit.MILLISECONDS);
        }
        if (retry) {
            builder.defaultServiceConfig(policies.retryServiceConfig(Optional.empty())).enableRetry()
                    .maxRetryAttempts(policies.retryPolicy().maxAttempts());
        } else {
            builder.disableRetry();
        }
        return builder;
    }

    private static SilentPeerReport report(Map<String, Object> parameters, SilentPeerReport.Keepalive keepalive,
            SilentPeerRun run, AttemptTrace trace, CallResult<?> result) {
        long elapsed = run.sinceStart();
        Long silence = run.silenceAtMs();
        Long detected = run.detectedAtMs();
        Long bound = keepalive.enabled() && silence != null
                ? silence + keepalive.timeMs() + keepalive.timeoutMs() + 1000
                : null;
        Boolean within = bound == null ? null : detected != null && detected <= bound;
        List<AttemptTrace.Attempt> attempts = trace.attempts();
        return new SilentPeerReport("keepalive/silent-peer", parameters, keepalive, Outcome.of(result), elapsed,
                silence, detected, bound, within, run.timeline(), attempts, run.connections(),
                explanation(keepalive, silence, detected, result.status(), elapsed, attempts.size(),
                        run.connections().size()));
    }

    private static String explanation(SilentPeerReport.Keepalive keepalive, Long silence, Long detected, Status status,
            long elapsed, int attempts, int connections) {
        if (silence == null) {
            return "The call ended " + status.getCode() + " after " + elapsed + " ms, before the peer went silent.";
        }
        String start = "The peer went silent " + silence + " ms into the call. ";
        if (detected != null) {
            return start + "The client gave the connection up at " + detected + " ms, " + (detected - silence)
                    + " ms later" + (keepalive.enabled() ? " (keepalive: a ping after " + keepalive.timeMs()
                            + " ms without reads, " + keepalive.timeoutMs() + " ms for its ack)" : "")
                    + ". The call ended " + status.getCode() + " after " + elapsed + " ms, " + attempts
                    + (attempts == 1 ? " attempt" : " attempts") + " over " + connections
                    + (connections == 1 ? " connection." : " connections.");
        }
        return start + "The client never noticed: the call ended " + status.getCode() + " at " + elapsed
                + " ms, and the channel still holds the silent connection as READY.";
    }
}
