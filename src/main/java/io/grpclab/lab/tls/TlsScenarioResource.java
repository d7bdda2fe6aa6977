package io.grpclab.lab.tls;

import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

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

import io.grpc.CallOptions;
import io.grpc.Grpc;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.hello.HelloReply;
import io.grpclab.lab.catalogue.Outcome;
import io.grpclab.lab.catalogue.ScenarioCatalog;
import io.grpclab.lab.clients.HelloClient;
import io.grpclab.tls.ReloadingCertificates;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.smallrye.mutiny.Uni;

/** {@code GET /demo/tls}: SayHello over TLS, and the negotiated protocol, cipher suite and certificates. */
@Path("/demo/tls")
@Tag(name = ApiDocs.DEMO_TAG)
public class TlsScenarioResource {

    private final HelloClient hello;
    private final GatewayChannel lab;
    private final HttpToGrpc gateway;
    private final ReloadingCertificates certificates;

    TlsScenarioResource(HelloClient hello, GatewayChannel lab, HttpToGrpc gateway, ReloadingCertificates certificates) {
        this.hello = hello;
        this.lab = lab;
        this.gateway = gateway;
        this.certificates = certificates;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Extension(name = ScenarioCatalog.TEACHES, value = "What TLS a call really negotiated: the protocol, the cipher suite and both certificates.")
    @Extension(name = ScenarioCatalog.TRY_NEXT, value = "[{\"label\": \"a certificate the client does not trust\", \"scenario\": \"tls/failure\", \"query\": \"case=UNTRUSTED_CA\"}, {\"label\": \"a certificate for another host\", \"scenario\": \"tls/failure\", \"query\": \"case=WRONG_HOST\"}, {\"label\": \"no client certificate where one is required\", \"scenario\": \"tls/failure\", \"query\": \"case=NO_CLIENT_CERTIFICATE\"}]", parseValue = true)
    @Operation(summary = "The TLS a call negotiated", description = "SayHello over the gateway's TLS channel: "
            + "protocol, cipher suite, the server's certificate (subject, issuer, SANs, serial, expiry), the client "
            + "certificate if any, the certificate a new connection gets now (the server reloads it when its file "
            + "changes), and the server's TLS policy.")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = TlsReport.class)))
    public Uni<TlsReport> run() {
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS);
        return hello.sayHello(hello.channel(), "TLS", options, gateway.metadata()).map(this::report);
    }

    private TlsReport report(CallResult<HelloReply> result) {
        SSLSession session = result.transport() == null ? null
                : result.transport().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
        TlsReport.Session tls = session == null ? null
                : new TlsReport.Session(session.getProtocol(), session.getCipherSuite(), peer(session),
                        view(session.getLocalCertificates()));
        GrpcServerConfiguration server = lab.serverConfig();
        TlsReport.Policy policy = new TlsReport.Policy(List.copyOf(server.ssl().protocols()),
                server.ssl().cipherSuites().orElse(List.of("(the JDK's defaults)")), server.ssl().clientAuth().name());
        Outcome outcome = result.ok() && tls == null
                ? new Outcome("OK", "the call succeeded over plaintext: no TLS session to show")
                : Outcome.of(result);
        TlsReport.CertificateView presented = view(new Certificate[] { certificates.serverCertificate() });
        return new TlsReport("tls", Map.of(), outcome, result.elapsedMillis(), tls, presented, policy, lab.summary());
    }

    private static TlsReport.CertificateView peer(SSLSession session) {
        try {
            return view(session.getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static TlsReport.CertificateView view(Certificate[] chain) {
        if (chain == null || chain.length == 0 || !(chain[0] instanceof X509Certificate certificate)) {
            return null;
        }
        return new TlsReport.CertificateView(certificate.getSubjectX500Principal().getName(),
                certificate.getIssuerX500Principal().getName(), sans(certificate),
                certificate.getNotBefore().toInstant().toString(), certificate.getNotAfter().toInstant().toString(),
                certificate.getSerialNumber().toString(16));
    }

    private static List<String> sans(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            if (all != null) {
                for (List<?> san : all) {
                    names.add((Integer.valueOf(7).equals(san.get(0)) ? "IP:" : "DNS:") + san.get(1));
                }
            }
        } catch (CertificateParsingException e) {
            names.add("(unreadable)");
        }
        return names;
    }
}
