package io.grpclab.lab.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import io.grpc.CallOptions;
import io.grpclab.balancing.Backends;
import io.grpclab.balancing.Balancing;
import io.grpclab.balancing.ObservedRoundRobinProvider;
import io.grpclab.echo.EchoDelay;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.faults.FaultsConfig;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.ServerConfig;
import io.grpclab.grpc.UnaryCalls;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.faulttolerance.FaultToleranceSettings;
import io.grpclab.lab.keepalive.EffectiveKeepalive;
import io.grpclab.lab.keepalive.KeepaliveSettings;
import io.grpclab.retry.ServiceConfigs;
import io.grpclab.tls.TlsConfig;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.mutiny.Uni;

/** {@code GET /demo/config}: the effective gRPC client and server configuration, with warnings. */
@jakarta.ws.rs.Path("/demo/config")
@Tag(name = ApiDocs.DEMO_TAG)
public class ConfigScenarioResource {

    private final GatewayChannel lab;
    private final EffectiveKeepalive keepalive;
    private final ServiceConfigs policies;
    private final FaultToleranceSettings faultTolerance;
    private final ServerConfig serverConfig;
    private final FaultsConfig faults;
    private final FaultKnobs knobs;
    private final EchoDelay echoDelay;
    private final HttpToGrpc gateway;
    private final TlsConfig tlsConfig;
    private final MemorySize httpMaxBodySize;

    ConfigScenarioResource(GatewayChannel lab, EffectiveKeepalive keepalive, ServiceConfigs policies,
            FaultToleranceSettings faultTolerance, ServerConfig serverConfig, FaultsConfig faults, FaultKnobs knobs,
            EchoDelay echoDelay, HttpToGrpc gateway, TlsConfig tlsConfig,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize httpMaxBodySize) {
        this.lab = lab;
        this.keepalive = keepalive;
        this.policies = policies;
        this.faultTolerance = faultTolerance;
        this.serverConfig = serverConfig;
        this.faults = faults;
        this.knobs = knobs;
        this.echoDelay = echoDelay;
        this.gateway = gateway;
        this.tlsConfig = tlsConfig;
        this.httpMaxBodySize = httpMaxBodySize;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "The configuration the gateway really runs with, and what in it looks wrong.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"keepalive on both ends, checked\", \"scenario\": \"keepalive\", \"query\": \"\"}, {\"label\": \"the retry policy at work\", \"scenario\": \"retry\", \"query\": \"failAttempts=3\"}, {\"label\": \"the hedging policy at work\", \"scenario\": \"hedging\", \"query\": \"\"}]", parseValue = true)
    @Operation(summary = "The effective gRPC configuration, with warnings", description = "Keepalive, TLS, retry and "
            + "hedging policies with their channel caps, the gateway channel's backends (state, health, calls), fault "
            + "tolerance, and warnings about what does not do what it seems to; the outcome is a gRPC health check.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ConfigReport.class)))
    public Uni<ConfigReport> run() {
        ConfigReport.Client client = client();
        ConfigReport.Server server = server();
        KeepaliveSettings.Server serverKeepalive = server.keepalive();
        List<String> warnings = ConfigWarnings.of(client, server,
                KeepaliveSettings.checks(client.keepalive(), serverKeepalive), faultTolerance.amplification(),
                knobs.enabled());
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS);
        return UnaryCalls.call(lab.channel(), HealthGrpc.getCheckMethod(), options, gateway.metadata(),
                HealthCheckRequest.getDefaultInstance())
                .map(health -> new ConfigReport("config", Map.of(), client, server, faultTolerance.settings(),
                        faultTolerance.amplification(), warnings,
                        health.ok() ? new Outcome("OK", "health: " + health.response().getStatus())
                                : Outcome.of(health),
                        health.elapsedMillis(), lab.summary()));
    }

    private ConfigReport.Client client() {
        GrpcClientConfiguration labClient = lab.clientConfig();
        GrpcClientConfiguration hedgingClient = GatewayChannel.configuration().clients()
                .get(GatewayChannel.HEDGING_NAME);
        ConfigReport.Balancing balancing = new ConfigReport.Balancing(ObservedRoundRobinProvider.POLICY,
                labClient.nameResolver(), Balancing.HEALTH_CHECKED_SERVICE, Backends.of(GatewayChannel.NAME));
        return new ConfigReport.Client(lab.summary(), balancing, keepalive.client(),
                new ConfigReport.Retry(labClient.retry(), policies.retryPolicy(), policies.throttling().orElse(null),
                        labClient.maxRetryAttempts(), policies.effectiveRetryAttempts()),
                new ConfigReport.Hedging(hedgingClient != null && hedgingClient.retry(), policies.hedgingPolicy(),
                        hedgingClient == null ? 0 : hedgingClient.maxHedgedAttempts(),
                        policies.effectiveHedgedAttempts(), policies.hedgedGatewayMethods()));
    }

    private ConfigReport.Server server() {
        GrpcServerConfiguration config = lab.serverConfig();
        boolean tls = !config.isPlainTextEnabled();
        String certificate = tls ? tlsConfig.certificate().toString() : null;
        boolean devCertificates = tls && tlsConfig.issuesDevelopmentCertificates();
        ConfigReport.Tls tlsView = new ConfigReport.Tls(tls, certificate,
                tls ? List.copyOf(config.ssl().protocols()) : List.of(),
                tls ? config.ssl().clientAuth().name() : null, devCertificates);
        Map<String, Object> faultsView = new LinkedHashMap<>();
        faultsView.put("mode", faults.mode().name());
        faultsView.put("knobsEnabled", knobs.enabled());
        ConfigReport.Limits limits = new ConfigReport.Limits(serverConfig.maxConcurrentCallsPerConnection(),
                serverConfig.maxRstFramesPerWindow(), serverConfig.rstFramesWindow().toMillis(),
                serverConfig.maxMetadataSize(), boxed(config.maxInboundMetadataSize()),
                boxed(config.maxInboundMessageSize()), config.handshakeTimeout().map(Duration::toMillis).orElse(null),
                httpMaxBodySize.asLongValue());
        return new ConfigReport.Server(config.port(), tlsView, keepalive.server(), limits, faultsView,
                echoDelay.configured().toMillis());
    }

    private static Integer boxed(OptionalInt value) {
        return value.isPresent() ? value.getAsInt() : null;
    }
}
