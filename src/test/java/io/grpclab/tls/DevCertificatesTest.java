package io.grpclab.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpclab.support.OpenSsl;

class DevCertificatesTest {

    @TempDir
    Path dir;

    @Test
    void issuesACaAndAServerCertificateItSignsForLocalhostAndLoopback() throws Exception {
        DevCertificates.ensure(dir, "test-password");

        X509Certificate ca = read(dir.resolve(DevCertificates.CA_CERT));
        X509Certificate server = read(dir.resolve(DevCertificates.SERVER_CERT));
        assertThat(ca.getBasicConstraints()).isZero();
        assertThat(server.getBasicConstraints()).isEqualTo(-1);
        server.verify(ca.getPublicKey());
        assertThat(server.getSubjectAlternativeNames()).extracting(san -> String.valueOf(san.get(1)))
                .contains("localhost", "127.0.0.1");
        assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(server.getNotAfter().toInstant()).isBefore(Instant.now().plus(Duration.ofDays(91)));
    }

    @Test
    void issuesCertificatesOpenSslVerifiesInStrictMode() {
        DevCertificates.ensure(dir, "test-password");

        for (String leaf : List.of(DevCertificates.SERVER_CERT, DevCertificates.CLIENT_CERT)) {
            OpenSsl.Run verify = OpenSsl.run("verify", "-x509_strict", "-CAfile",
                    dir.resolve(DevCertificates.CA_CERT).toString(), dir.resolve(leaf).toString());
            assertThat(verify.output()).contains(": OK");
        }
        OpenSsl.Run server = OpenSsl.run("x509", "-noout", "-ext",
                "subjectAltName,extendedKeyUsage,keyUsage,basicConstraints",
                "-in", dir.resolve(DevCertificates.SERVER_CERT).toString());
        assertThat(server.output()).contains("DNS:localhost", "IP Address:127.0.0.1", "IP Address:0:0:0:0:0:0:0:1",
                "TLS Web Server Authentication", "Digital Signature, Key Encipherment", "CA:FALSE");
    }

    @Test
    void keepsPrivateKeysReadableByTheOwnerOnly() throws Exception {
        DevCertificates.ensure(dir, "test-password");

        for (String key : List.of(DevCertificates.CA_KEY, DevCertificates.SERVER_KEY)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(key))))
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(dir.resolve(DevCertificates.SERVER_KEY))).startsWith("-----BEGIN PRIVATE KEY-----");
    }

    @Test
    void leavesValidCertificatesAlone() throws Exception {
        DevCertificates.ensure(dir, "test-password");
        byte[] server = Files.readAllBytes(dir.resolve(DevCertificates.SERVER_CERT));

        DevCertificates.ensure(dir, "test-password");

        assertThat(Files.readAllBytes(dir.resolve(DevCertificates.SERVER_CERT))).isEqualTo(server);
    }

    @Test
    void reissuesAMissingServerCertificateFromTheExistingCa() throws Exception {
        DevCertificates.ensure(dir, "test-password");
        byte[] ca = Files.readAllBytes(dir.resolve(DevCertificates.CA_CERT));
        Files.delete(dir.resolve(DevCertificates.SERVER_KEY));

        DevCertificates.ensure(dir, "test-password");

        assertThat(Files.readAllBytes(dir.resolve(DevCertificates.CA_CERT))).isEqualTo(ca);
        read(dir.resolve(DevCertificates.SERVER_CERT))
                .verify(read(dir.resolve(DevCertificates.CA_CERT)).getPublicKey());
    }

    private static X509Certificate read(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
