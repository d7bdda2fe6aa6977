package io.grpclab.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads PEM certificates and private keys (PKCS#8, or the PKCS#1 / SEC 1 files openssl and cert-manager write). */
public final class PemFiles {

    private static final String PKCS8_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PKCS8_END = "-----END PRIVATE KEY-----";

    private PemFiles() {
    }

    /** The certificates in the file, leaf first. */
    public static X509Certificate[] certificates(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate[] chain = CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            if (chain.length == 0) {
                throw new GeneralSecurityException(file + " holds no certificate");
            }
            return chain;
        }
    }

    public static PrivateKey privateKey(Path file) throws IOException {
        String pem = Files.readString(file, StandardCharsets.US_ASCII);
        PrivateKey pkcs8 = pkcs8(pem);
        return pkcs8 != null ? pkcs8 : privateKey(new StringReader(pem));
    }

    /**
     * A PKCS#8 key with the JDK alone: the common case, read without loading BouncyCastle, which costs start-up time.
     * Null when the file holds another format.
     */
    private static PrivateKey pkcs8(String pem) {
        int begin = pem.indexOf(PKCS8_BEGIN);
        int end = pem.indexOf(PKCS8_END);
        if (begin < 0 || end < begin) {
            return null;
        }
        PKCS8EncodedKeySpec spec;
        try {
            spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(pem.substring(begin + PKCS8_BEGIN.length(), end)));
        } catch (IllegalArgumentException e) {
            return null;
        }
        for (String algorithm : new String[] { "EC", "RSA", "Ed25519", "Ed448" }) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        return null;
    }

    static PrivateKey privateKey(Reader reader) throws IOException {
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

    /**
     * Whether the key belongs to the certificate: it signs, the certificate's public key verifies. A certificate and
     * key replaced one after the other are, for a moment, a pair that would fail every handshake.
     */
    public static boolean matches(X509Certificate certificate, PrivateKey key) {
        String algorithm = switch (key.getAlgorithm()) {
            case "EC" -> "SHA256withECDSA";
            case "RSA" -> "SHA256withRSA";
            default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA name their own signature
        };
        byte[] probe = "grpclab key pair check".getBytes(StandardCharsets.US_ASCII);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
