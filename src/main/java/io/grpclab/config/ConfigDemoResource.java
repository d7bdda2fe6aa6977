package io.grpclab.config;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpc.CallOptions;
import io.grpclab.demo.Outcome;
import io.grpclab.echo.EchoDelay;
import io.grpclab.faults.FaultsConfig;
import io.grpclab.faulttolerance.FaultToleranceSettings;
import io.grpclab.gateway.ApiDocs;
import io.grpclab.gateway.Gateway;
import io.grpclab.grpc.LabChannel;
import io.grpclab.grpc.ServerConfig;
import io.grpclab.grpc.UnaryCalls;
import io.grpclab.keepalive.EffectiveKeepalive;
import io.grpclab.keepalive.KeepaliveSettings;
import io.grpclab.retry.ServiceConfigs;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.smallrye.mutiny.Uni;

/** {@code GET /demo/config}: the effective gRPC client and server configuration, with warnings. */
@jakarta.ws.rs.Path("/demo/config")
@Tag(name = ApiDocs.DEMO_TAG)
public class ConfigDemoResource {

    private final LabChannel lab;
    private final EffectiveKeepalive keepalive;
    private final ServiceConfigs policies;
    private final FaultToleranceSettings faultTolerance;
    private final ServerConfig serverConfig;
    private final FaultsConfig faults;
    private final EchoDelay echoDelay;
    private final Gateway gateway;
    private final boolean generateCertificates;
    private final Path certificateDir;

    ConfigDemoResource(LabChannel lab, EffectiveKeepalive keepalive, ServiceConfigs policies,
            FaultToleranceSettings faultTolerance, ServerConfig serverConfig, FaultsConfig faults, EchoDelay echoDelay,
            Gateway gateway, @ConfigProperty(name = "lab.tls.generate-if-missing") boolean generateCertificates,
            @ConfigProperty(name = "lab.tls.dir") Path certificateDir) {
        this.lab = lab;
        this.keepalive = keepalive;
        this.policies = policies;
        this.faultTolerance = faultTolerance;
        this.serverConfig = serverConfig;
        this.faults = faults;
        this.echoDelay = echoDelay;
        this.gateway = gateway;
        this.generateCertificates = generateCertificates;
        this.certificateDir = certificateDir;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The effective gRPC configuration, with warnings", description = "Keepalive, TLS, retry and hedging policies with their channel caps, fault tolerance, and warnings about what does not do what it seems to; the outcome is a gRPC health check.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ConfigReport.class)))
    public Uni<ConfigReport> run() {
        ConfigReport.Client client = client();
        ConfigReport.Server server = server();
        KeepaliveSettings.Server serverKeepalive = server.keepalive();
        List<String> warnings = ConfigWarnings.of(client, server,
                KeepaliveSettings.checks(client.keepalive(), serverKeepalive), faultTolerance.amplification(),
                faults.knobsEnabled());
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(2, TimeUnit.SECONDS);
        return UnaryCalls.call(lab.channel(), HealthGrpc.getCheckMethod(), options, gateway.metadata(),
                HealthCheckRequest.getDefaultInstance())
                .map(health -> new ConfigReport("config", Map.of(), client, server, faultTolerance.settings(),
                        faultTolerance.amplification(), warnings,
                        health.ok() ? new Outcome("OK", "health: " + health.response().getStatus())
                                : Outcome.of(health.status()),
                        health.elapsedMillis(), lab.summary()));
    }

    private ConfigReport.Client client() {
        GrpcClientConfiguration labClient = lab.clientConfig();
        GrpcClientConfiguration hedgingClient = LabChannel.configuration().clients().get(ServiceConfigs.HEDGING_CHANNEL);
        return new ConfigReport.Client(lab.summary(), keepalive.client(),
                new ConfigReport.Retry(labClient.retry(), policies.retryPolicy(), policies.throttling().orElse(null),
                        labClient.maxRetryAttempts(), policies.effectiveRetryAttempts()),
                new ConfigReport.Hedging(hedgingClient != null && hedgingClient.retry(), policies.hedgingPolicy(),
                        hedgingClient == null ? 0 : hedgingClient.maxHedgedAttempts(), policies.effectiveHedgedAttempts()));
    }

    private ConfigReport.Server server() {
        GrpcServerConfiguration config = lab.serverConfig();
        boolean tls = !config.isPlainTextEnabled();
        String certificate = config.ssl().certificate().map(Path::toString).orElse(null);
        boolean devCertificates = tls && generateCertificates && config.ssl().certificate()
                .map(p -> p.toAbsolutePath().normalize().startsWith(certificateDir.toAbsolutePath().normalize()))
                .orElse(false);
        ConfigReport.Tls tlsView = new ConfigReport.Tls(tls, certificate, tls ? List.copyOf(config.ssl().protocols()) : List.of(),
                tls ? config.ssl().clientAuth().name() : null, devCertificates);
        Map<String, Object> faultsView = new LinkedHashMap<>();
        faultsView.put("mode", faults.mode().name());
        faultsView.put("knobsEnabled", faults.knobsEnabled());
        return new ConfigReport.Server(config.port(), tlsView, keepalive.server(), serverConfig.maxMetadataSize(),
                faultsView, echoDelay.configured().toMillis());
    }
}
