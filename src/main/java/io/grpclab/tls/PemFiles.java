package io.grpclab.tls;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
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

/** Reads PEM certificates and private keys (PKCS#8, or the PKCS#1 / SEC 1 files openssl and cert-manager write). */
final class PemFiles {

    private static final String RSA_ENCRYPTION = "1.2.840.113549.1.1.1";
    private static final String EC_PUBLIC_KEY = "1.2.840.10045.2.1";

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

    /**
     * A private key in PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE KEY}) or SEC 1
     * ({@code EC PRIVATE KEY}).
     */
    public static PrivateKey privateKey(Path file) throws IOException, GeneralSecurityException {
        return privateKey(Files.readString(file, StandardCharsets.US_ASCII));
    }

    static PrivateKey privateKey(String pem) throws GeneralSecurityException {
        byte[] pkcs8 = block(pem, "PRIVATE KEY");
        if (pkcs8 != null) {
            return pkcs8(pkcs8, "EC", "RSA", "Ed25519", "Ed448");
        }
        byte[] rsa = block(pem, "RSA PRIVATE KEY");
        if (rsa != null) { // PKCS#8 around PKCS#1: the rsaEncryption algorithm, no parameters
            return pkcs8(Der.sequence(Der.integer(BigInteger.ZERO),
                    Der.sequence(Der.oid(RSA_ENCRYPTION), Der.nullValue()), Der.octetString(rsa)), "RSA");
        }
        byte[] ec = block(pem, "EC PRIVATE KEY");
        if (ec != null) { // PKCS#8 around SEC 1: id-ecPublicKey with the curve SEC 1 names in [0]
            byte[] curve = null;
            for (byte[] element : Der.elements(ec)) {
                if ((element[0] & 0xFF) == 0xA0) {
                    curve = Der.content(element);
                }
            }
            if (curve == null) {
                throw new GeneralSecurityException("the EC PRIVATE KEY does not name its curve");
            }
            return pkcs8(Der.sequence(Der.integer(BigInteger.ZERO), Der.sequence(Der.oid(EC_PUBLIC_KEY), curve),
                    Der.octetString(ec)), "EC");
        }
        throw new GeneralSecurityException("not a PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY; "
                + "an ENCRYPTED PRIVATE KEY must be decrypted first)");
    }

    /** The base64 content of the first {@code -----BEGIN type-----} block, or null. */
    private static byte[] block(String pem, String type) throws GeneralSecurityException {
        String begin = "-----BEGIN " + type + "-----";
        int start = pem.indexOf(begin);
        int end = pem.indexOf("-----END " + type + "-----");
        if (start < 0 || end < start) {
            return null;
        }
        try {
            return Base64.getMimeDecoder().decode(pem.substring(start + begin.length(), end));
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("the " + type + " block is not base64");
        }
    }

    private static PrivateKey pkcs8(byte[] der, String... algorithms) throws GeneralSecurityException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : algorithms) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // the next algorithm
            }
        }
        throw new GeneralSecurityException("the private key is not " + String.join(", ", algorithms));
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
