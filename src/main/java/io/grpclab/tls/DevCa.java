package io.grpclab.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.security.auth.x500.X500Principal;

/**
 * A development certificate authority: EC P-256 keys, ECDSA-SHA256 signatures, random serials, and the extensions
 * strict verifiers (OpenSSL's X509_STRICT, which Python 3.13 turns on) want: key identifiers, key usage, basic
 * constraints. Written with {@link Der}; see there why not BouncyCastle. Public for the lab, which issues throwaway
 * material to show TLS failing (another CA, a wrong name, an expired certificate).
 */
public final class DevCa {

    static final Duration CA_VALIDITY = Duration.ofDays(365);
    static final Duration LEAF_VALIDITY = Duration.ofDays(90);
    static final String ORGANIZATION = "O=grpclab (development only)";

    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    // RFC 5280 KeyUsage bits, numbered from the most significant bit of the first byte.
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    /** A certificate with its private key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
    }

    private DevCa() {
    }

    public static Issued newCa() throws GeneralSecurityException {
        return newCa("gRPC resilience lab development CA");
    }

    /** A CA of that common name: two CAs of one name would be told apart by their keys only. */
    public static Issued newCa(String commonName) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        byte[] name = new X500Principal("CN=" + commonName + "," + ORGANIZATION).getEncoded();
        byte[] extensions = Der.explicit(3, Der.sequence(
                extension("2.5.29.19", true, Der.sequence(Der.bool(true), Der.integer(BigInteger.ZERO))),
                extension("2.5.29.15", true, keyUsage(KEY_CERT_SIGN, CRL_SIGN)),
                extension("2.5.29.14", false, Der.octetString(keyIdentifier(keys.getPublic())))));
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        X509Certificate certificate = sign(name, name, now.minusHours(1), now.plus(CA_VALIDITY), keys.getPublic(),
                extensions, keys.getPrivate());
        return new Issued(certificate, keys.getPrivate());
    }

    /** The server certificate: localhost, 127.0.0.1 and ::1 (Python gRPC checks the IP SAN). */
    static Issued server(Issued ca) throws GeneralSecurityException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return server(ca, "localhost", now.minusHours(1), now.plus(LEAF_VALIDITY));
    }

    /**
     * A server certificate for one host name (with 127.0.0.1 and ::1 when it is localhost), valid in that window: for
     * certificates a rotation might bring, the wrong ones included.
     */
    public static Issued server(Issued ca, String host, ZonedDateTime from, ZonedDateTime until)
            throws GeneralSecurityException {
        byte[] dns = Der.implicit(2, host.getBytes(StandardCharsets.US_ASCII));
        byte[] names = host.equals("localhost")
                ? Der.sequence(dns, Der.implicit(7, address("127.0.0.1")), Der.implicit(7, address("::1")))
                : Der.sequence(dns);
        return leaf(ca, "CN=" + host, SERVER_AUTH, extension("2.5.29.17", false, names), from, until);
    }

    /** A client certificate for mutual TLS. */
    public static Issued client(Issued ca, String commonName) throws GeneralSecurityException {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        return leaf(ca, "CN=" + commonName, CLIENT_AUTH, null, now.minusHours(1), now.plus(LEAF_VALIDITY));
    }

    private static Issued leaf(Issued ca, String commonName, String purpose, byte[] subjectAlternativeNames,
            ZonedDateTime from, ZonedDateTime until) throws GeneralSecurityException {
        KeyPair keys = newKeyPair();
        List<byte[]> extensions = new ArrayList<>(List.of(
                extension("2.5.29.19", true, Der.sequence()),
                extension("2.5.29.15", true, keyUsage(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT)),
                extension("2.5.29.37", false, Der.sequence(Der.oid(purpose))),
                extension("2.5.29.14", false, Der.octetString(keyIdentifier(keys.getPublic()))),
                extension("2.5.29.35", false,
                        Der.sequence(Der.implicit(0, authorityKeyIdentifier(ca.certificate()))))));
        if (subjectAlternativeNames != null) {
            extensions.add(subjectAlternativeNames);
        }
        byte[] subject = new X500Principal(commonName + "," + ORGANIZATION).getEncoded();
        byte[] issuer = ca.certificate().getSubjectX500Principal().getEncoded();
        X509Certificate certificate = sign(issuer, subject, from, until, keys.getPublic(),
                Der.explicit(3, Der.sequence(extensions.toArray(byte[][]::new))), ca.key());
        return new Issued(certificate, keys.getPrivate());
    }

    /** An X.509 v3 certificate (RFC 5280 section 4.1), valid from {@code from} until {@code until}. */
    private static X509Certificate sign(byte[] issuer, byte[] subject, ZonedDateTime from, ZonedDateTime until,
            PublicKey subjectKey, byte[] extensions, PrivateKey issuerKey) throws GeneralSecurityException {
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] toBeSigned = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // v3
                // a generator per certificate, never a static one: that would be made, seed and all, when a native image is built
                Der.integer(new BigInteger(127, new SecureRandom()).add(BigInteger.ONE)),
                algorithm, issuer,
                Der.sequence(Der.time(from), Der.time(until)),
                subject, subjectKey.getEncoded(), extensions);
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(issuerKey);
        signer.update(toBeSigned);
        byte[] der = Der.sequence(toBeSigned, algorithm, Der.bitString(signer.sign()));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** KeyUsage as a DER named-bit BIT STRING: one byte (the bits used here are 0..6), trailing zero bits unused. */
    private static byte[] keyUsage(int... bits) {
        int value = 0;
        int last = 0;
        for (int bit : bits) {
            value |= 0x80 >>> bit;
            last = Math.max(last, bit);
        }
        return Der.tlv(0x03, new byte[] { (byte) (7 - last), (byte) value });
    }

    /** RFC 5280's method 1: the SHA-1 of the subjectPublicKey bits, as openssl and BouncyCastle compute it. */
    private static byte[] keyIdentifier(PublicKey key) throws GeneralSecurityException {
        byte[] bitString = Der.content(Der.elements(key.getEncoded())[1]);
        return MessageDigest.getInstance("SHA-1").digest(Arrays.copyOfRange(bitString, 1, bitString.length));
    }

    /** The issuer's own subject key identifier when it has one (a CA from elsewhere may compute it otherwise). */
    private static byte[] authorityKeyIdentifier(X509Certificate issuer) throws GeneralSecurityException {
        byte[] extension = issuer.getExtensionValue("2.5.29.14"); // an OCTET STRING holding the OCTET STRING keyid
        return extension != null ? Der.content(Der.content(extension)) : keyIdentifier(issuer.getPublicKey());
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static KeyPair newKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1")); // the provider's own SecureRandom, made now
        return generator.generateKeyPair();
    }
}
