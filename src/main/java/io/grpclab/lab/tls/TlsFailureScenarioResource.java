package io.grpclab.lab.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

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

import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpclab.edge.ApiDocs;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.tls.DevCa;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContextBuilder;
import io.smallrye.common.annotation.Blocking;

/**
 * {@code GET /demo/tls/failure}: a TLS connection that fails on purpose, one case at a time, against a throwaway
 * listener in this process with certificates issued for the run (two CAs, a server certificate for the right or a
 * wrong name, valid or expired, a client certificate from either CA). The report names the step that failed, read from
 * the failure the client got, and shows that failure as the client got it.
 */
@Path("/demo/tls/failure")
@Tag(name = ApiDocs.DEMO_TAG)
public class TlsFailureScenarioResource {

    private static final long DEADLINE_MS = 5000;

    @GET
    @Blocking // issues certificates and starts a listener: milliseconds of work off the event loop
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "Each way TLS fails, and the handshake step it fails at.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"an expired certificate\", \"query\": \"case=EXPIRED\"}, {\"label\": \"every step passed\", \"query\": \"case=NONE\"}]", parseValue = true)
    @Operation(summary = "TLS failing on purpose, step by step", description = "A health check over TLS against a "
            + "throwaway listener with material made for the run: a client trusting another CA, a wrong host name, "
            + "an expired server certificate, no client certificate where one is required, a client certificate "
            + "from an unknown CA, or none of these. Names the step that failed and the reason as the client got it.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = TlsFailureReport.class)))
    public TlsFailureReport run(@QueryParam("case") @DefaultValue("UNTRUSTED_CA") @Parameter(description = "what "
            + "goes wrong") TlsFailureCase failure) throws GeneralSecurityException, IOException, InterruptedException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        DevCa.Issued ca = DevCa.newCa("lab run CA");
        DevCa.Issued otherCa = DevCa.newCa("another CA");
        DevCa.Issued serverCertificate = switch (failure) {
            case WRONG_HOST -> DevCa.server(ca, "other.example", now.minusHours(1), now.plusDays(1));
            case EXPIRED -> DevCa.server(ca, "localhost", now.minusDays(2), now.minusDays(1));
            default -> DevCa.server(ca, "localhost", now.minusHours(1), now.plusDays(1));
        };
        boolean mutual = failure == TlsFailureCase.NO_CLIENT_CERTIFICATE || failure == TlsFailureCase.UNKNOWN_CLIENT_CA
                || failure == TlsFailureCase.NONE;
        DevCa.Issued clientCertificate = switch (failure) {
            case NO_CLIENT_CERTIFICATE -> null;
            case UNKNOWN_CLIENT_CA -> DevCa.client(otherCa, "lab run client");
            default -> mutual ? DevCa.client(ca, "lab run client") : null;
        };
        X509Certificate trusted = failure == TlsFailureCase.UNTRUSTED_CA ? otherCa.certificate() : ca.certificate();
        List<String> material = material(serverCertificate, clientCertificate, trusted);

        Server server = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .sslContext(GrpcSslContexts.configure(SslContextBuilder
                        .forServer(serverCertificate.key(), serverCertificate.certificate())
                        .trustManager(ca.certificate()).clientAuth(mutual ? ClientAuth.REQUIRE : ClientAuth.NONE))
                        .build())
                .addService(new HealthStatusManager().getHealthService()).build().start();
        SslContextBuilder client = GrpcSslContexts.forClient().trustManager(trusted);
        if (clientCertificate != null) {
            client.keyManager(clientCertificate.key(), clientCertificate.certificate());
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress("localhost", server.getPort())
                .sslContext(client.build()).build();
        long start = System.nanoTime();
        try {
            HealthGrpc.newBlockingStub(channel).withDeadlineAfter(DEADLINE_MS, TimeUnit.MILLISECONDS)
                    .check(HealthCheckRequest.getDefaultInstance());
            return report(failure, new Outcome("OK", null), elapsed(start), null, null, material, mutual);
        } catch (StatusRuntimeException e) {
            String reason = reason(e);
            TlsStep failed = TlsStep.of(reason);
            if (failed == TlsStep.CLIENT_CHAIN && clientCertificate == null) {
                // the JDK's server answers a missing certificate with the same bad_certificate alert as a refused
                // one; the client knows it sent none
                failed = TlsStep.CLIENT_CERTIFICATE_SENT;
            }
            return report(failure, new Outcome(e.getStatus().getCode().name(), firstLine(e.getStatus().getDescription())),
                    elapsed(start), failed, reason, material, mutual);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static TlsFailureReport report(TlsFailureCase failure, Outcome outcome, long elapsed, TlsStep failed,
            String reason, List<String> material, boolean mutual) {
        List<TlsFailureReport.Step> steps = new ArrayList<>();
        TlsStep last = failed == null && outcome.status().equals("OK") ? null : failed;
        boolean reached = true;
        for (TlsStep step : TlsStep.values()) {
            boolean asked = mutual || (step != TlsStep.CLIENT_CERTIFICATE_SENT && step != TlsStep.CLIENT_CHAIN);
            String result = !asked ? "NOT_ASKED" : !reached ? "NOT_REACHED" : step == last ? "FAILED" : "PASSED";
            if (step == last) {
                reached = false;
            }
            steps.add(new TlsFailureReport.Step(step, step.words(), result));
        }
        if (last == null && !outcome.status().equals("OK")) { // a failure that names no step: nothing is claimed
            steps.replaceAll(s -> new TlsFailureReport.Step(s.step(), s.words(), "UNKNOWN"));
        }
        TlsStep seen = outcome.status().equals("OK") ? TlsStep.CALL : failed;
        return new TlsFailureReport("tls/failure", Map.of("case", failure.name()), outcome, elapsed, steps, failed,
                failed == null ? null : failed.words(), seen == failure.expected(), reason, material,
                mutual ? "REQUIRE" : "NONE");
    }

    /** The status description and the message of each cause, as the client got them. */
    private static String reason(StatusRuntimeException e) {
        List<String> parts = new ArrayList<>();
        if (e.getStatus().getDescription() != null) {
            parts.add(firstLine(e.getStatus().getDescription()));
        }
        for (Throwable cause = e.getStatus().getCause(); cause != null && parts.size() < 6; cause = cause.getCause()) {
            // Netty's wrappers repeat their cause's message after its class name: kept once, as the cause says it
            String message = cause.getMessage() == null ? null : cause.getMessage().replaceFirst("^[\\w.$]+: ", "");
            if (message != null && !parts.contains(message)) {
                parts.add(message);
            }
        }
        return String.join(" / ", parts);
    }

    /** grpc-java's description without the Netty pipeline it appends on a new line (handler class names). */
    private static String firstLine(String description) {
        return description == null ? null : description.lines().findFirst().orElse(description);
    }

    private static List<String> material(DevCa.Issued server, DevCa.Issued client, X509Certificate trusted) {
        List<String> lines = new ArrayList<>();
        lines.add("server certificate: " + describe(server.certificate()));
        lines.add("the client trusts: " + trusted.getSubjectX500Principal().getName());
        lines.add("the server trusts for client certificates: lab run CA");
        lines.add(client == null ? "client certificate: none" : "client certificate: " + describe(client.certificate()));
        return lines;
    }

    private static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + ", issued by "
                + certificate.getIssuerX500Principal().getName() + ", valid " + certificate.getNotBefore().toInstant()
                + " to " + certificate.getNotAfter().toInstant();
    }

    private static long elapsed(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
