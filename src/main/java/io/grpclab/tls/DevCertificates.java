package io.grpclab.tls;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.jboss.logging.Logger;

/**
 * The development certificates on disk, the same set {@code certs/generate-dev-certs.sh} makes with openssl:
 * {@code ca.crt} (what clients trust) and {@code ca.key}; {@code server.crt}/{@code server.key};
 * {@code client.crt}/{@code client.key} for mutual TLS; {@code ca-truststore.p12}, the CA as the PKCS#12 trust
 * store the gRPC server wants for client certificates. Keys are readable by the owner only. Whatever is
 * missing, expired or about to expire is issued again; an existing valid CA is kept.
 */
public final class DevCertificates {

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVER_CERT = "server.crt";
    public static final String SERVER_KEY = "server.key";
    public static final String CLIENT_CERT = "client.crt";
    public static final String CLIENT_KEY = "client.key";
    public static final String TRUST_STORE = "ca-truststore.p12";
    /** The common name of the development client certificate (the gateway's, with mutual TLS). */
    public static final String CLIENT_NAME = "grpclab-gateway";

    static final java.time.Duration RENEW_BEFORE = java.time.Duration.ofDays(7);

    private static final Logger LOG = Logger.getLogger(DevCertificates.class);

    private DevCertificates() {
    }

    /** Issues what is missing or expiring in {@code dir}; does nothing when everything is valid. */
    public static synchronized void ensure(Path dir, String trustStorePassword) {
        try {
            Files.createDirectories(dir);
            DevCa.Issued ca = usable(dir, CA_CERT, CA_KEY, null);
            boolean newCa = ca == null;
            if (newCa) {
                ca = DevCa.newCa();
                write(dir, CA_CERT, CA_KEY, ca);
            }
            if (newCa || usable(dir, SERVER_CERT, SERVER_KEY, ca.certificate()) == null) {
                DevCa.Issued server = DevCa.server(ca);
                write(dir, SERVER_CERT, SERVER_KEY, server);
                LOG.warnf("Issued DEVELOPMENT TLS certificates in %s (%s CA): clients trust %s; the server certificate "
                        + "is for localhost and 127.0.0.1, valid until %s. Configure real certificates for production "
                        + "(see certs/README.md).", dir, newCa ? "a new" : "the existing", dir.resolve(CA_CERT),
                        server.certificate().getNotAfter().toInstant());
            }
            if (newCa || usable(dir, CLIENT_CERT, CLIENT_KEY, ca.certificate()) == null) {
                write(dir, CLIENT_CERT, CLIENT_KEY, DevCa.client(ca, CLIENT_NAME));
            }
            if (newCa || !Files.isRegularFile(dir.resolve(TRUST_STORE))) {
                writeTrustStore(dir.resolve(TRUST_STORE), ca.certificate(), trustStorePassword);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the development certificates in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue the development certificates", e);
        }
    }

    /**
     * The pair in {@code dir} if both files exist, match, are valid for a while and (if given) signed by
     * {@code issuer}.
     */
    private static DevCa.Issued usable(Path dir, String certFile, String keyFile, X509Certificate issuer) {
        Path certPath = dir.resolve(certFile);
        Path keyPath = dir.resolve(keyFile);
        if (!Files.isRegularFile(certPath) || !Files.isRegularFile(keyPath)) {
            return null;
        }
        try {
            X509Certificate certificate = PemFiles.certificates(certPath)[0];
            certificate.checkValidity(Date.from(Instant.now().plus(RENEW_BEFORE)));
            if (issuer != null) {
                certificate.verify(issuer.getPublicKey());
            }
            return new DevCa.Issued(certificate, PemFiles.privateKey(keyPath));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.infof("The development certificate %s is not usable (%s); issuing a new one", certPath,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    static void write(Path dir, String certFile, String keyFile, DevCa.Issued issued)
            throws IOException, GeneralSecurityException {
        KeyFiles.writeAtomically(dir.resolve(keyFile), KeyFiles.pem("PRIVATE KEY", issued.key().getEncoded()), true);
        KeyFiles.writeAtomically(dir.resolve(certFile), KeyFiles.pem("CERTIFICATE", issued.certificate().getEncoded()),
                false);
    }

    private static void writeTrustStore(Path target, X509Certificate ca, String password)
            throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", ca);
        Path temp = Files.createTempFile(target.toAbsolutePath().getParent(), TRUST_STORE, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                store.store(out, password.toCharArray());
            }
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

}
