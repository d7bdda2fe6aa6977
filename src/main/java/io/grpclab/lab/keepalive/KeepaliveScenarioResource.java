package io.grpclab.lab.keepalive;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpc.ConnectivityState;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.clients.EchoClient;
import io.smallrye.mutiny.Uni;

/**
 * {@code GET /demo/keepalive}: the seed's keepalive settings as both ends really apply them, whether the
 * client's pings stay within what the server permits, and a probe call on the channel.
 */
@Path("/demo/keepalive")
@Tag(name = ApiDocs.DEMO_TAG)
public class KeepaliveScenarioResource {

    private static final long PROBE_DEADLINE_MS = 2000;

    private final GatewayChannel channel;
    private final EchoClient echo;
    private final EffectiveKeepalive keepalive;
    private final HttpToGrpc gateway;

    KeepaliveScenarioResource(GatewayChannel channel, EchoClient echo, EffectiveKeepalive keepalive, HttpToGrpc gateway) {
        this.channel = channel;
        this.echo = echo;
        this.keepalive = keepalive;
        this.gateway = gateway;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "Keepalive is two settings that must agree: how often the client pings and how often the server permits it.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a peer that goes silent\", \"scenario\": \"keepalive/silent-peer\", \"query\": \"\"}, {\"label\": \"a client that pings too often\", \"scenario\": \"keepalive/too-many-pings\", \"query\": \"keepAliveTimeMs=10000\"}]", parseValue = true)
    @Operation(summary = "Keepalive on both ends and whether they get along", description = "The effective keepalive "
            + "of the gateway's channel and of the gRPC server, each compatibility rule with its reason, the channel's "
            + "state, and a probe call.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = KeepaliveReport.class)))
    public Uni<KeepaliveReport> run() {
        KeepaliveSettings.Client client = keepalive.client();
        KeepaliveSettings.Server server = keepalive.server();
        List<KeepaliveSettings.Check> checks = KeepaliveSettings.checks(client, server);
        boolean compatible = checks.stream().allMatch(KeepaliveSettings.Check::ok);
        ConnectivityState before = channel.state(false);
        Metadata noDelay = gateway.demoMetadata();
        noDelay.put(FaultKnobs.ECHO_DELAY_MS, "0");
        return echo.echo("keepalive probe", Deadline.after(PROBE_DEADLINE_MS, TimeUnit.MILLISECONDS), noDelay)
                .map(probe -> new KeepaliveReport("keepalive", Map.of(), client, server, compatible, checks,
                        KeepaliveSettings.notes(client), before.name(), channel.state(false).name(),
                        Outcome.of(probe), probe.elapsedMillis(), channel.summary()));
    }
}
