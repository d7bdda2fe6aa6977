package io.grpclab.lab.tls;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;

/**
 * What {@code GET /demo/tls} saw of the connection a call used.
 *
 * @param tls the negotiated session, as the client saw it (on the gateway's connection, which may predate a reload)
 * @param serverCertificate the certificate the server presents to a new connection now: lab.tls.certificate as last
 *        loaded (the server re-reads it when the file changes)
 * @param policy what the server allows (protocols, cipher suites, client certificates)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TlsReport(String scenario, Map<String, Object> parameters, Outcome outcome, long elapsedMs, Session tls,
        CertificateView serverCertificate, Policy policy, GatewayChannel.Summary config) {

    /**
     * @param peerCertificate the server's certificate
     * @param localCertificate the client certificate the gateway presented, if any
     */
    public record Session(String protocol, String cipherSuite, CertificateView peerCertificate,
            CertificateView localCertificate) {
    }

    public record CertificateView(String subject, String issuer, List<String> subjectAlternativeNames, String notBefore,
            String notAfter, String serialNumber) {
    }

    public record Policy(List<String> protocols, List<String> cipherSuites, String clientAuth) {
    }
}
