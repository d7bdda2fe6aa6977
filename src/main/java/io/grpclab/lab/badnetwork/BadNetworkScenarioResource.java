package io.grpclab.lab.badnetwork;

import java.time.Duration;
import java.util.ArrayList;
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
import io.grpclab.balancing.Balancing;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.badnetwork.BadNetworkReport.Call;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.clients.EchoClient;
import io.grpclab.lab.clients.LabChannels;
import io.grpclab.lab.network.Direction;
import io.grpclab.lab.network.Fault;
import io.grpclab.lab.network.FaultProxies;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /demo/bad-network/*}: the retry policy and hedging against a network that fails for real. Each run gets
 * fault proxies of its own in front of this app's gRPC server (one per backend) and a channel over them; the faults
 * go on once every backend is connected, so they meet the calls, not the connection set-up.
 */
@Path("/demo/bad-network")
@Tag(name = ApiDocs.DEMO_TAG)
@Produces(MediaType.APPLICATION_JSON)
@Blocking // calls one after another, each awaited; a worker thread, never the event loop
public class BadNetworkScenarioResource {

    /** grpc-java's floor for a client's keepalive time: it raises anything below it. */
    private static final long KEEPALIVE_TIME_MS = 10_000;

    private final FaultProxies proxies;
    private final LabChannels channels;
    private final EchoClient echo;
    private final ServiceConfigs policies;
    private final HttpToGrpc gateway;

    /** {@code balancing} registers the static:// resolver and the balancer the two-backend runs use. */
    BadNetworkScenarioResource(FaultProxies proxies, LabChannels channels, EchoClient echo, ServiceConfigs policies,
            HttpToGrpc gateway, Balancing balancing) {
        this.proxies = proxies;
        this.channels = channels;
        this.echo = echo;
        this.policies = policies;
        this.gateway = gateway;
    }

    @GET
    @Path("/latency")
    @Extension(name = ScenarioCatalog.TEACHES, value = "A deadline counts the network's time too, and the retry policy does not retry DEADLINE_EXCEEDED.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a deadline that fits\", \"query\": \"deadlineMs=1000\"}]", parseValue = true)
    @Operation(summary = "Latency against a deadline", description = "One call over a link that delays every byte, "
            + "each way: the deadline counts the wire's time too, and the retry policy does not retry "
            + "DEADLINE_EXCEEDED. Takes about deadlineMs.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = BadNetworkReport.class)))
    public BadNetworkReport latency(
            @QueryParam("latencyMs") @DefaultValue("300") @Min(0) @Max(5000) @Parameter(description = "added to "
                    + "every byte, each way: a round trip takes twice this") int latencyMs,
            @QueryParam("deadlineMs") @DefaultValue("500") @Min(50) @Max(30_000) @Parameter(description = "the "
                    + "call's deadline") int deadlineMs,
            @QueryParam("delayMs") @DefaultValue("0") @Min(0) @Max(10_000) @Parameter(description = "how long the "
                    + "server waits before it answers") int delayMs)
            throws InterruptedException {
        Map<String, Object> parameters = parameters("latencyMs", latencyMs, "deadlineMs", deadlineMs, "delayMs",
                delayMs);
        try (LinkRun run = retryRun(1)) {
            run.fault(0, new Fault.Latency(Direction.BOTH, latencyMs, 0), Duration.ofMillis(deadlineMs + 10_000L),
                    false);
            Call call = call(run, 1, deadlineMs, delayMs);
            String explanation = "Every byte waited " + latencyMs + " ms each way, so a round trip took at least "
                    + 2 * latencyMs + " ms; the server was asked to wait " + delayMs + " ms. The call ended "
                    + call.outcome().status() + " after " + call.elapsedMs() + " ms of its " + deadlineMs
                    + " ms deadline, in " + Explanations.plural(call.attempts().size(), "attempt")
                    + Explanations.servedNote(call)
                    + (call.outcome().status().equals("DEADLINE_EXCEEDED")
                            ? ". The retry policy retries " + policies.retryPolicy().retryableStatusCodes()
                                    + " only, and a deadline bounds every attempt together."
                            : ".");
            return report("bad-network/latency", parameters, retryPolicy(), run, List.of(call), explanation);
        }
    }

    @GET
    @Path("/reset")
    @Extension(name = ScenarioCatalog.TEACHES, value = "A connection reset mid-call is retried by the policy, on a new connection, even when the server never saw the call.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"after the server answered\", \"query\": \"resetAfterMs=3000\"}, {\"label\": \"on the request's first byte\", \"query\": \"beforeServer=true\"}]", parseValue = true)
    @Operation(summary = "A reset mid-call", description = "The proxy resets the call's connection (TCP RST) while "
            + "the server works on it, or as the request's first bytes arrive: which attempts grpc-java made again, "
            + "and whether on its own (transparent, the request never reached the server) or under the retry "
            + "policy. Takes about delayMs.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = BadNetworkReport.class)))
    public BadNetworkReport reset(
            @QueryParam("resetAfterMs") @DefaultValue("500") @Min(1) @Max(10_000) @Parameter(description = "when "
                    + "the connection is reset, after the call starts") int resetAfterMs,
            @QueryParam("beforeServer") @DefaultValue("false") @Parameter(description = "reset as the request's "
                    + "first bytes reach the proxy instead, before the server sees them") boolean beforeServer,
            @QueryParam("delayMs") @DefaultValue("2000") @Min(0) @Max(10_000) @Parameter(description = "how long the "
                    + "server waits before it answers") int delayMs,
            @QueryParam("deadlineMs") @DefaultValue("10000") @Min(100) @Max(30_000) @Parameter(description = "the "
                    + "call's deadline, for every attempt together") int deadlineMs)
            throws InterruptedException {
        Map<String, Object> parameters = parameters("resetAfterMs", resetAfterMs, "beforeServer", beforeServer,
                "delayMs", delayMs);
        parameters.put("deadlineMs", deadlineMs);
        try (LinkRun run = retryRun(1)) {
            Fault reset = beforeServer ? new Fault.Reset(Direction.UPSTREAM, null, 1L)
                    : new Fault.Reset(Direction.BOTH, resetAfterMs, null);
            run.fault(0, reset, Duration.ofMillis(deadlineMs + 10_000L), true); // the open connection only
            Call call = call(run, 1, deadlineMs, delayMs);
            return report("bad-network/reset", parameters, retryPolicy(), run, List.of(call), Explanations.reset(call));
        }
    }

    @GET
    @Path("/slow-backend")
    @Extension(name = ScenarioCatalog.TEACHES, value = "With one slow backend of two, the hedge sent to the other one wins.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"faster than the hedging delay\", \"query\": \"latencyMs=100\"}]", parseValue = true)
    @Operation(summary = "One of two backends slow, under hedging", description = "Calls in turn over a channel "
            + "that balances over two backends, one of them behind a slow link, with the hedging policy "
            + "(lab.hedging.*): which backend each attempt went to, and which one won. Takes about calls x "
            + "the hedging delay.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = BadNetworkReport.class)))
    public BadNetworkReport slowBackend(
            @QueryParam("latencyMs") @DefaultValue("500") @Min(0) @Max(5000) @Parameter(description = "added to "
                    + "every byte to and from backend b1, each way") int latencyMs,
            @QueryParam("calls") @DefaultValue("4") @Min(1) @Max(10) @Parameter(description = "calls, one after "
                    + "the other") int calls,
            @QueryParam("deadlineMs") @DefaultValue("5000") @Min(100) @Max(30_000) @Parameter(description = "each "
                    + "call's deadline") int deadlineMs)
            throws InterruptedException {
        Map<String, Object> parameters = parameters("latencyMs", latencyMs, "calls", calls, "deadlineMs", deadlineMs);
        try (LinkRun run = LinkRun.open(proxies, 2, policies.forChannel(GatewayChannel.HEDGING_NAME),
                channels::secured)) {
            run.fault(0, new Fault.Latency(Direction.BOTH, latencyMs, 0),
                    Duration.ofMillis((long) calls * (deadlineMs + 1000L) + 10_000L), false);
            List<Call> made = new ArrayList<>();
            for (int i = 1; i <= calls; i++) {
                made.add(call(run, i, deadlineMs, 0));
            }
            return report("bad-network/slow-backend", parameters,
                    new BadNetworkReport.Policy("hedging", null, policies.hedgingPolicy()), run, made,
                    Explanations.slowBackend(made));
        }
    }

    @GET
    @Path("/silent-backend")
    @Extension(name = ScenarioCatalog.TEACHES, value = "A backend whose connection goes silent leaves the rotation once keepalive gives the connection up.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a longer ack timeout\", \"query\": \"keepAliveTimeoutMs=5000\"}]", parseValue = true)
    @Operation(summary = "A silent backend leaves the rotation", description = "Calls in turn over a channel that "
            + "balances over two backends with the retry policy and keepalive; b1's connection goes silent, as when "
            + "a firewall forgets the flow (new connections go through). The call held there waits until keepalive "
            + "gives the connection up, then is retried on b2; b1 leaves the rotation and comes back over a new "
            + "connection. Takes about 10 s + keepAliveTimeoutMs.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = BadNetworkReport.class)))
    public BadNetworkReport silentBackend(
            @QueryParam("keepAliveTimeoutMs") @DefaultValue("2000") @Min(1000) @Max(20_000) @Parameter(description = "the "
                    + "connection is given up when a ping's ack takes longer (the ping goes out 10 s after the last "
                    + "read: grpc-java's floor)") int keepAliveTimeoutMs,
            @QueryParam("calls") @DefaultValue("4") @Min(2) @Max(10) @Parameter(description = "calls, one after "
                    + "the other: round robin sends one of the first two to b1") int calls,
            @QueryParam("deadlineMs") @DefaultValue("30000") @Min(1000) @Max(60_000) @Parameter(description = "each "
                    + "call's deadline, for every attempt together") int deadlineMs)
            throws InterruptedException {
        Map<String, Object> parameters = parameters("keepAliveTimeoutMs", keepAliveTimeoutMs, "calls", calls,
                "deadlineMs", deadlineMs);
        try (LinkRun run = LinkRun.open(proxies, 2, policies.retryServiceConfig(Optional.empty()),
                builder -> channels.secured(builder).keepAliveTime(KEEPALIVE_TIME_MS, TimeUnit.MILLISECONDS)
                        .keepAliveTimeout(keepAliveTimeoutMs, TimeUnit.MILLISECONDS))) {
            run.fault(0, new Fault.Silence(Direction.BOTH), Duration.ofMillis((long) calls * deadlineMs + 10_000L),
                    true); // the open connection only: a new one goes through
            long silenceAt = run.sinceStart();
            List<Call> made = new ArrayList<>();
            for (int i = 1; i <= calls; i++) {
                made.add(call(run, i, deadlineMs, 0));
            }
            LinkRun.Rotation rotation = run.rotation("b1", silenceAt);
            return report("bad-network/silent-backend", parameters, retryPolicy(), run, made,
                    Explanations.silentBackend(made, silenceAt, rotation, keepAliveTimeoutMs));
        }
    }

    private LinkRun retryRun(int backends) throws InterruptedException {
        return LinkRun.open(proxies, backends, policies.retryServiceConfig(Optional.empty()), channels::secured);
    }

    private BadNetworkReport.Policy retryPolicy() {
        return new BadNetworkReport.Policy("retry", policies.retryPolicy(), null);
    }

    /** One echo over the run's channel, its attempts named by backend; the winner is the attempt that answered. */
    private Call call(LinkRun run, int number, int deadlineMs, int delayMs) {
        AttemptTrace trace = new AttemptTrace();
        Metadata headers = gateway.demoMetadata();
        if (delayMs > 0) {
            headers.put(FaultKnobs.ECHO_DELAY_MS, Integer.toString(delayMs));
        }
        CallOptions options = CallOptions.DEFAULT.withDeadline(Deadline.after(deadlineMs, TimeUnit.MILLISECONDS))
                .withStreamTracerFactory(trace);
        long startMs = run.sinceStart();
        CallResult<?> result = echo.echo(run.channel(), "bad network", options, headers).await()
                .atMost(Duration.ofMillis(deadlineMs + 5000L));
        long elapsed = run.sinceStart() - startMs;
        List<AttemptTrace.Attempt> attempts = trace.attempts().stream().map(a -> new AttemptTrace.Attempt(
                a.number(), a.transparentRetry(), a.startMs(), a.durationMs(), a.backoffBeforeMs(), a.status(),
                a.description(), a.servedAs(), a.pushbackMs(), run.backendOf(a.backend()))).toList();
        AttemptTrace.Attempt winner = result.ok()
                ? attempts.stream().filter(a -> a.status().equals("OK")).findFirst().orElse(null)
                : null;
        return new Call(number, startMs, elapsed, (long) deadlineMs, Outcome.of(result), attempts,
                winner == null ? null : winner.number(), winner == null ? null : winner.backend());
    }

    private static BadNetworkReport report(String scenario, Map<String, Object> parameters,
            BadNetworkReport.Policy policy, LinkRun run, List<Call> calls, String explanation) {
        Call last = calls.get(calls.size() - 1);
        return new BadNetworkReport(scenario, parameters, policy, run.backends(), calls, run.connections(),
                run.timeline(), last.outcome(), run.sinceStart(), explanation);
    }

    private static Map<String, Object> parameters(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(k1, v1);
        parameters.put(k2, v2);
        parameters.put(k3, v3);
        return parameters;
    }
}
