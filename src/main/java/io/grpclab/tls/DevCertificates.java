package io.grpclab.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.jboss.logging.Logger;

/**
 * The development certificates: a CA, and a server certificate it signs for {@code localhost} and
 * {@code 127.0.0.1} (Python gRPC checks the IP SAN). The same recipe as {@code certs/generate-dev-certs.sh},
 * run in-process so that a fresh clone starts with TLS and no manual step.
 * <p>
 * Files in the directory: {@code ca.crt} (what clients trust), {@code ca.key}, {@code server.crt},
 * {@code server.key}; keys are readable by the owner only. Whatever is missing, expired or about to
 * expire is issued again; an existing, valid CA is kept, so clients that trust it keep working.
 */
public final class DevCertificates {

    public static final String CA_CERT = "ca.crt";
    public static final String CA_KEY = "ca.key";
    public static final String SERVER_CERT = "server.crt";
    public static final String SERVER_KEY = "server.key";

    static final Duration CA_VALIDITY = Duration.ofDays(365);
    static final Duration SERVER_VALIDITY = Duration.ofDays(90);
    static final Duration RENEW_BEFORE = Duration.ofDays(7);

    private static final Logger LOG = Logger.getLogger(DevCertificates.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevCertificates() {
    }

    /** Issues what is missing or expiring in {@code dir}; does nothing when everything is valid. */
    public static synchronized void ensure(Path dir) {
        try {
            Files.createDirectories(dir);
            Issued ca = usable(dir, CA_CERT, CA_KEY, null);
            boolean newCa = ca == null;
            if (newCa) {
                ca = issueCa();
                write(dir, CA_CERT, CA_KEY, ca);
            }
            if (newCa || usable(dir, SERVER_CERT, SERVER_KEY, ca.certificate()) == null) {
                Issued server = issueServer(ca);
                write(dir, SERVER_CERT, SERVER_KEY, server);
                LOG.warnf("Issued DEVELOPMENT TLS certificates in %s (%s CA): clients trust %s; the server certificate "
                        + "is for localhost and 127.0.0.1, valid until %s. Configure real certificates for production "
                        + "(see certs/README.md).", dir, newCa ? "a new" : "the existing", dir.resolve(CA_CERT),
                        server.certificate().getNotAfter().toInstant());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the development certificates in " + dir, e);
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException("Cannot issue the development certificates", e);
        }
    }

    /** A certificate with its private key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
    }

    /** The pair in {@code dir} if both files exist, match, are valid for a while and (if given) signed by {@code issuer}. */
    private static Issued usable(Path dir, String certFile, String keyFile, X509Certificate issuer) {
        Path certPath = dir.resolve(certFile);
        Path keyPath = dir.resolve(keyFile);
        if (!Files.isRegularFile(certPath) || !Files.isRegularFile(keyPath)) {
            return null;
        }
        try (var in = Files.newInputStream(certPath); Reader keyReader = Files.newBufferedReader(keyPath)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            certificate.checkValidity(Date.from(Instant.now().plus(RENEW_BEFORE)));
            if (issuer != null) {
                certificate.verify(issuer.getPublicKey());
            }
            return new Issued(certificate, readKey(keyReader));
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.infof("The development certificate %s is not usable (%s); issuing a new one", certPath,
                    e.getClass().getSimpleName());
            return null;
        }
    }

    private static PrivateKey readKey(Reader reader) throws IOException {
        try (PEMParser parser = new PEMParser(reader)) {
            Object parsed = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (parsed instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            if (parsed instanceof PEMKeyPair pair) {
                return converter.getKeyPair(pair).getPrivate();
            }
            throw new IOException("not a PEM private key");
        }
    }

    private static Issued issueCa() throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("CN=gRPC resilience lab development CA,O=grpclab (development only)");
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(CA_VALIDITY)), name, keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        return new Issued(sign(builder, keys.getPrivate()), keys.getPrivate());
    }

    private static Issued issueServer(Issued ca) throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair keys = newKeyPair();
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(SERVER_VALIDITY)),
                new X500Name("CN=localhost,O=grpclab (development only)"), keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1") }));
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(ca.certificate()));
        return new Issued(sign(builder, ca.key()), keys.getPrivate());
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(127, RANDOM).add(BigInteger.ONE);
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey issuerKey)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter()
                .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    }

    private static void write(Path dir, String certFile, String keyFile, Issued issued) throws IOException {
        writeAtomically(dir.resolve(keyFile), pem(issued.key()), true);
        writeAtomically(dir.resolve(certFile), pem(issued.certificate()), false);
    }

    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object instanceof PrivateKey key ? new JcaPKCS8Generator(key, null) : object);
        }
        return out.toString();
    }

    private static void writeAtomically(Path target, String content, boolean secret) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
        try {
            if (Files.getFileStore(temp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString(secret ? "rw-------" : "rw-r--r--"));
            }
            Files.writeString(temp, content, StandardCharsets.US_ASCII);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
