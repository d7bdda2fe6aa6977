package io.grpclab.tls;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

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
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** A development certificate authority: EC P-256 keys, ECDSA-SHA256 signatures, random serials. */
final class DevCa {

    static final Duration CA_VALIDITY = Duration.ofDays(365);
    static final Duration LEAF_VALIDITY = Duration.ofDays(90);
    static final String ORGANIZATION = "O=grpclab (development only)";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A certificate with its private key. */
    record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private DevCa() {
    }

    static Issued newCa() throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair keys = newKeyPair();
        X500Name name = new X500Name("CN=gRPC resilience lab development CA," + ORGANIZATION);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serial(), notBefore(),
                Date.from(Instant.now().plus(CA_VALIDITY)), name, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        builder.addExtension(Extension.subjectKeyIdentifier, false,
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(keys.getPublic()));
        return new Issued(sign(builder, keys.getPrivate()), keys.getPrivate());
    }

    /** The server certificate: localhost, 127.0.0.1 and ::1 (Python gRPC checks the IP SAN). */
    static Issued server(Issued ca) throws GeneralSecurityException, IOException, OperatorCreationException {
        return leaf(ca, "CN=localhost," + ORGANIZATION, KeyPurposeId.id_kp_serverAuth, new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.iPAddress, "::1") });
    }

    /** A client certificate for mutual TLS. */
    static Issued client(Issued ca, String commonName) throws GeneralSecurityException, IOException,
            OperatorCreationException {
        return leaf(ca, "CN=" + commonName + "," + ORGANIZATION, KeyPurposeId.id_kp_clientAuth, null);
    }

    private static Issued leaf(Issued ca, String subject, KeyPurposeId purpose, GeneralName[] sans)
            throws GeneralSecurityException, IOException, OperatorCreationException {
        KeyPair keys = newKeyPair();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), serial(), notBefore(),
                Date.from(Instant.now().plus(LEAF_VALIDITY)), new X500Name(subject), keys.getPublic());
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
        if (sans != null) {
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        }
        builder.addExtension(Extension.subjectKeyIdentifier, false, extensions.createSubjectKeyIdentifier(keys.getPublic()));
        builder.addExtension(Extension.authorityKeyIdentifier, false,
                extensions.createAuthorityKeyIdentifier(ca.certificate()));
        return new Issued(sign(builder, ca.key()), keys.getPrivate());
    }

    private static Date notBefore() {
        return Date.from(Instant.now().minus(Duration.ofHours(1)));
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
}
