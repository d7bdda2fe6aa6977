package io.grpclab.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.grpc.netty.GrpcSslContexts;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.quarkus.runtime.StartupEvent;

/**
 * Key and trust managers that follow their PEM files: grpc-java's AdvancedTls managers, given new material whenever
 * a file's content changes ({@code lab.tls.reload-period} between checks). New connections see it; those already
 * open keep their session. A certificate and key are loaded together only when they belong together, so a rotation
 * that writes one file, then the other, never serves a broken pair; a certificate is installed only while it is
 * valid (not expired, not yet to come), and the server's only when it names every host and address the one it
 * replaces names, so a certificate copied from another service is not served. Material that cannot be used is logged
 * once and tried again at every check, the previous pair kept meanwhile. The server's key manager also serves HTTPS
 * ({@link HttpsKeyStore}). The checks are ours because
 * grpc-java's own file watch polls no faster than once a minute and compares modification times only.
 */
@Singleton
public class ReloadingCertificates {

    private static final Logger LOG = Logger.getLogger(ReloadingCertificates.class);

    /** Reads one set of files into a manager; throws when they are unreadable or do not belong together. */
    private interface Loader {
        void load() throws IOException, GeneralSecurityException;
    }

    private final TlsConfig config;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "lab-tls-reload");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<List<Path>, AdvancedTlsX509KeyManager> keyManagers = new ConcurrentHashMap<>();
    private final Map<Path, AdvancedTlsX509TrustManager> trustManagers = new ConcurrentHashMap<>();
    private final Map<List<Optional<Path>>, SslContext> clientContexts = new ConcurrentHashMap<>();

    ReloadingCertificates(TlsConfig config) {
        this.config = config;
    }

    /** Watches the server certificate from the start, for HTTPS, even where gRPC is plaintext (the seed profile). */
    void watchServerCertificate(@Observes StartupEvent started) {
        serverKeyManager();
    }

    /** Presents {@code lab.tls.certificate} and {@code lab.tls.key}, and whatever replaces them. */
    public X509ExtendedKeyManager serverKeyManager() {
        return keyManager(config.certificate(), config.key(), true);
    }

    /** Presents the certificate chain and key in these files, and whatever replaces them. */
    public X509ExtendedKeyManager keyManager(Path certificate, Path key) {
        return keyManager(certificate, key, false);
    }

    /** @param sameNames whether a replacement must name what the certificate it replaces names (a server's) */
    private X509ExtendedKeyManager keyManager(Path certificate, Path key, boolean sameNames) {
        return keyManagers.computeIfAbsent(List.of(certificate, key), files -> {
            AdvancedTlsX509KeyManager manager = new AdvancedTlsX509KeyManager();
            X509Certificate[] served = { null };
            watch(files, () -> {
                X509Certificate[] chain = PemFiles.certificates(certificate);
                PrivateKey privateKey = PemFiles.privateKey(key);
                if (!PemFiles.matches(chain[0], privateKey)) {
                    throw new GeneralSecurityException("the key in " + key + " does not belong to the certificate in "
                            + certificate);
                }
                CertificateRules.requireValidNow(chain[0], certificate);
                if (sameNames && served[0] != null) {
                    CertificateRules.requireNames(chain[0], CertificateRules.names(served[0]), certificate);
                }
                manager.updateIdentityCredentials(chain, privateKey);
                served[0] = chain[0];
            });
            return manager;
        });
    }

    /** The certificate the server presents to a new connection now. */
    public X509Certificate serverCertificate() {
        X509ExtendedKeyManager manager = serverKeyManager();
        return manager.getCertificateChain(manager.chooseEngineServerAlias(null, null, null))[0];
    }

    /** Trusts the CA certificates in this file (a bundle may hold several), and whatever replaces them. */
    public X509ExtendedTrustManager trustManager(Path caFile) {
        return trustManagers.computeIfAbsent(caFile, file -> {
            AdvancedTlsX509TrustManager manager;
            try {
                manager = AdvancedTlsX509TrustManager.newBuilder()
                        .setVerification(
                                AdvancedTlsX509TrustManager.Verification.CERTIFICATE_AND_HOST_NAME_VERIFICATION)
                        .build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot create a trust manager", e);
            }
            watch(List.of(file), () -> manager.updateTrustCredentials(PemFiles.certificates(file)));
            return manager;
        });
    }

    /**
     * TLS for a client channel: trusting {@code caFile}, presenting the client certificate when both files are given.
     */
    public SslContext clientContext(Path caFile, Optional<Path> certificate, Optional<Path> key) {
        return clientContexts.computeIfAbsent(List.of(Optional.of(caFile), certificate, key), paths -> {
            SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(trustManager(caFile));
            if (certificate.isPresent() && key.isPresent()) {
                builder.keyManager(keyManager(certificate.get(), key.get()));
            }
            try {
                return builder.build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot build the TLS context of a gRPC channel", e);
            }
        });
    }

    /** Loads now (a failure stops whoever asked: at start-up, the app), then whenever a file's content changes. */
    private void watch(List<Path> files, Loader loader) {
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS material in " + files, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the TLS material in " + files + " is not usable: " + e.getMessage(), e);
        }
        byte[][] loaded = { digest(files) };
        String[] lastFailure = { null };
        checks.scheduleWithFixedDelay(() -> {
            try {
                byte[] now = digest(files);
                if (Arrays.equals(now, loaded[0])) {
                    return;
                }
                loader.load();
                loaded[0] = now;
                lastFailure[0] = null;
                LOG.infof("Reloaded the TLS material in %s", files);
            } catch (Throwable e) { // a failure must not end the periodic check
                String failure = String.valueOf(e.getMessage());
                if (!failure.equals(lastFailure[0])) {
                    LOG.warnf("Kept the previous TLS material: %s changed but is not usable yet (%s)", files, failure);
                    lastFailure[0] = failure;
                }
            }
        }, config.reloadPeriod().toNanos(), config.reloadPeriod().toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A digest of the files' content; missing files hash as empty, so their return is a change. */
    private static byte[] digest(List<Path> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path file : files) {
                try {
                    sha.update(Files.readAllBytes(file));
                } catch (IOException missing) {
                    sha.update((byte) 0);
                }
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }
}
