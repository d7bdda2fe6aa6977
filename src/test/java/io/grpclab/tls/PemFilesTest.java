package io.grpclab.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpclab.support.OpenSsl;

/** The key formats lab.tls.key accepts: what openssl, cert-manager and Kubernetes secrets hold. */
class PemFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsPkcs1RsaKeysAsOpenSslWritesThem() throws Exception {
        Path key = dir.resolve("rsa.key");
        assertThat(OpenSsl.run("genrsa", "-traditional", "-out", key.toString(), "2048").exitCode()).isZero();
        assertThat(Files.readString(key)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

        assertThat(PemFiles.privateKey(key).getAlgorithm()).isEqualTo("RSA");
        assertThat(PemFiles.privateKey(key).getEncoded()).isEqualTo(pkcs8Of(key));
    }

    @Test
    void readsSec1EcKeysWithTheirParametersBlockAsOpenSslWritesThem() throws Exception {
        Path key = dir.resolve("ec.key");
        assertThat(OpenSsl.run("ecparam", "-name", "prime256v1", "-genkey", "-out", key.toString()).exitCode())
                .isZero();
        assertThat(Files.readString(key)).contains("-----BEGIN EC PARAMETERS-----", "-----BEGIN EC PRIVATE KEY-----");

        ECPrivateKey read = (ECPrivateKey) PemFiles.privateKey(key);
        ECPrivateKey converted = (ECPrivateKey) PemFiles.privateKey(pkcs8Pem(pkcs8Of(key)));
        assertThat(read.getS()).isEqualTo(converted.getS());
        assertThat(read.getParams().getCurve()).isEqualTo(converted.getParams().getCurve());
    }

    @Test
    void readsPkcs8KeysOfEachAlgorithm() throws Exception {
        for (String algorithm : new String[] { "EC", "RSA", "Ed25519" }) {
            KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();

            assertThat(PemFiles.privateKey(pkcs8Pem(pair.getPrivate().getEncoded()))).isEqualTo(pair.getPrivate());
        }
    }

    @Test
    void refusesAnEncryptedKeyNamingWhatItReads() {
        assertThatThrownBy(() -> PemFiles.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n"
                + "-----END ENCRYPTED PRIVATE KEY-----\n"))
                .isInstanceOf(GeneralSecurityException.class).hasMessageContaining("must be decrypted first");
    }

    /** The same key as openssl converts it to PKCS#8. */
    private byte[] pkcs8Of(Path key) throws Exception {
        Path converted = dir.resolve(key.getFileName() + ".pk8");
        assertThat(OpenSsl.run("pkcs8", "-topk8", "-nocrypt", "-outform", "DER", "-in", key.toString(), "-out",
                converted.toString()).exitCode()).isZero();
        return Files.readAllBytes(converted);
    }

    private static String pkcs8Pem(byte[] der) {
        return KeyFiles.pem("PRIVATE KEY", der);
    }
}
