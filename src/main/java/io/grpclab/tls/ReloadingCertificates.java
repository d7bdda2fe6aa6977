package io.grpclab.tls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
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
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.grpc.netty.GrpcSslContexts;
import io.grpc.util.AdvancedTlsX509KeyManager;
import io.grpc.util.AdvancedTlsX509TrustManager;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;

/**
 * Key and trust managers that follow their PEM files: grpc-java's AdvancedTls managers, given new material whenever a
 * file's modification time changes ({@code lab.tls.reload-period} between checks). New connections see it; those
 * already open keep their session. A half-replaced pair (a new certificate with the old key) is not loaded: the next
 * change, when the key follows, is. The checks are ours because grpc-java's own file watch polls no faster than once
 * a minute.
 */
@Singleton
public class ReloadingCertificates {

    private static final Logger LOG = Logger.getLogger(ReloadingCertificates.class);

    /** Reads one set of files into a manager; throws when they are unreadable or do not belong together. */
    private interface Loader {
        void load() throws IOException, GeneralSecurityException;
    }

    private final Duration period;
    private final ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "lab-tls-reload");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<List<Path>, AdvancedTlsX509KeyManager> keyManagers = new ConcurrentHashMap<>();
    private final Map<Path, AdvancedTlsX509TrustManager> trustManagers = new ConcurrentHashMap<>();

    ReloadingCertificates(TlsConfig config) {
        this.period = config.reloadPeriod();
    }

    /** Presents the certificate chain and key in these files, and whatever replaces them. */
    public X509ExtendedKeyManager keyManager(Path certificate, Path key) {
        return keyManagers.computeIfAbsent(List.of(certificate, key), files -> {
            AdvancedTlsX509KeyManager manager = new AdvancedTlsX509KeyManager();
            watch(files, () -> {
                X509Certificate[] chain = PemFiles.certificates(certificate);
                PrivateKey privateKey = PemFiles.privateKey(key);
                if (!PemFiles.matches(chain[0], privateKey)) {
                    throw new GeneralSecurityException("the key in " + key + " does not belong to the certificate in "
                            + certificate);
                }
                manager.updateIdentityCredentials(chain, privateKey);
            });
            return manager;
        });
    }

    /** The certificate a new connection gets from the key manager of these files, if one is in use. */
    public Optional<X509Certificate> presented(Path certificate, Path key) {
        AdvancedTlsX509KeyManager manager = keyManagers.get(List.of(certificate, key));
        String alias = manager == null ? null : manager.chooseEngineServerAlias(null, null, null);
        X509Certificate[] chain = alias == null ? null : manager.getCertificateChain(alias);
        return chain == null || chain.length == 0 ? Optional.empty() : Optional.of(chain[0]);
    }

    /** Trusts the CA certificates in this file, and whatever replaces them; checks the server's host name. */
    public X509ExtendedTrustManager trustManager(Path caFile) {
        return trustManagers.computeIfAbsent(caFile, file -> {
            AdvancedTlsX509TrustManager manager;
            try {
                manager = AdvancedTlsX509TrustManager.newBuilder()
                        .setVerification(AdvancedTlsX509TrustManager.Verification.CERTIFICATE_AND_HOST_NAME_VERIFICATION)
                        .build();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot create a trust manager", e);
            }
            watch(List.of(file), () -> manager.updateTrustCredentials(PemFiles.certificates(file)));
            return manager;
        });
    }

    /** TLS for a client channel: trusting {@code caFile}, presenting the client certificate when both files are given. */
    public SslContext clientContext(Path caFile, Optional<Path> certificate, Optional<Path> key) {
        SslContextBuilder builder = GrpcSslContexts.forClient().trustManager(trustManager(caFile));
        if (certificate.isPresent() && key.isPresent()) {
            builder.keyManager(keyManager(certificate.get(), key.get()));
        }
        try {
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("cannot build the TLS context of a gRPC channel", e);
        }
    }

    /** Loads now (a failure stops whoever asked: at start-up, the app), then whenever a file changes. */
    private void watch(List<Path> files, Loader loader) {
        try {
            loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the TLS material in " + files, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the TLS material in " + files + " is not usable: " + e.getMessage(), e);
        }
        List<FileTime> seen = new ArrayList<>(modified(files));
        checks.scheduleWithFixedDelay(() -> {
            List<FileTime> now = modified(files);
            if (now.equals(seen)) {
                return;
            }
            seen.clear();
            seen.addAll(now);
            try {
                loader.load();
                LOG.infof("Reloaded the TLS material in %s", files);
            } catch (IOException | GeneralSecurityException | RuntimeException e) {
                LOG.warnf("Kept the previous TLS material: %s changed but is not usable (%s)", files, e.getMessage());
            }
        }, period.toNanos(), period.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static List<FileTime> modified(List<Path> files) {
        List<FileTime> times = new ArrayList<>(files.size());
        for (Path file : files) {
            try {
                times.add(Files.getLastModifiedTime(file));
            } catch (IOException e) {
                times.add(FileTime.fromMillis(0)); // missing for now: a change, once it is back
            }
        }
        return times;
    }

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }
}
