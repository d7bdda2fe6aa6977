package io.grpclab.tls;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SSLSession;

import org.junit.jupiter.api.Test;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpclab.hello.ExampleServiceGrpc;
import io.grpclab.hello.HelloRequest;
import io.grpclab.support.CapturedLog;
import io.grpclab.support.TestGrpc;
import io.grpclab.support.TrustingCa;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Certificates replaced on disk while the app runs, checked every 100 ms here: new connections get the new
 * certificate (gRPC and HTTPS), connections opened before keep working, and the gateway trusts a new CA without a
 * restart.
 */
@QuarkusTest
@TestProfile(CertificateReloadTests.FastReload.class)
class CertificateReloadTests {

    static final Path DIR = Path.of("target/reload-certs");
    static final Duration PATIENCE = Duration.ofSeconds(5);

    public static class FastReload implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.tls.dir", DIR.toString(), "lab.tls.reload-period", "100ms");
        }
    }

    @TestHTTPResource(value = "/api/ping", tls = true)
    URL https;

    @Test
    void aNewConnectionGetsARenewedCertificateWhileAnOpenOneKeepsItsOwn() throws Exception {
        ManagedChannel before = TestGrpc.tls(DIR.resolve("ca.crt"));
        try {
            String original = servedSerial(before);

            String renewed = renewServerCertificate(currentCa()).getSerialNumber().toString(16);
            await().atMost(PATIENCE).until(() -> renewed.equals(servedSerialOnANewConnection()));

            assertThat(servedSerial(before)).as("the connection opened before").isEqualTo(original);
            given().when().get("/demo/tls").then().statusCode(200)
                    .body("serverCertificate.serialNumber", equalTo(renewed));
        } finally {
            before.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theGatewayAndHttpsFollowANewCa() throws Exception {
        DevCa.Issued newCa = DevCa.newCa();
        renewServerCertificate(newCa);
        DevCertificates.write(DIR, DevCertificates.CA_CERT, DevCertificates.CA_KEY, newCa);

        // A new gateway channel (the retry demo with throttling builds one) trusts the new CA and reaches the server.
        await().atMost(PATIENCE).untilAsserted(() -> given().when()
                .get("/demo/retry?failAttempts=0&throttleMaxTokens=10&throttleTokenRatio=0.5").then().statusCode(200)
                .body("outcome.status", equalTo("OK")));
        HttpClient client = HttpClient.newBuilder().sslContext(TrustingCa.sslContext(DIR.resolve("ca.crt"))).build();
        await().atMost(PATIENCE).until(() -> client.send(HttpRequest.newBuilder(URI.create(https.toString())).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
    }

    @Test
    void anExpiredCertificateIsNotInstalledAndThePreviousPairStays() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        refusedReplacement(DevCa.server(currentCa(), "localhost", now.minusDays(90), now.minusDays(1)), "expired on");
    }

    @Test
    void aCertificateForAnotherHostIsNotInstalledAndThePreviousPairStays() throws Exception {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        refusedReplacement(DevCa.server(currentCa(), "other.example", now.minusHours(1), now.plusDays(30)),
                "does not name [0:0:0:0:0:0:0:1, 127.0.0.1, localhost]");
    }

    /** Writes the certificate; the server logs why it keeps its own, and goes on serving it. */
    private static void refusedReplacement(DevCa.Issued replacement, String why) throws Exception {
        // the certificate on disk is the one served: a test before may have written one the check has not read yet
        String onDisk = PemFiles.certificates(DIR.resolve(DevCertificates.SERVER_CERT))[0].getSerialNumber()
                .toString(16);
        await().atMost(PATIENCE).until(() -> onDisk.equals(servedSerialOnANewConnection()));
        String served = onDisk;
        try (CapturedLog log = CapturedLog.of(ReloadingCertificates.class.getName())) {
            DevCertificates.write(DIR, DevCertificates.SERVER_CERT, DevCertificates.SERVER_KEY, replacement);

            await().atMost(PATIENCE).until(() -> log.lines().stream().anyMatch(line -> line.contains(why)));
            assertThat(log.lines()).noneMatch(line -> line.contains("Reloaded"));
        }
        assertThat(servedSerialOnANewConnection()).as("the previous certificate, still served").isEqualTo(served);
        renewServerCertificate(currentCa()); // a good one again, for the tests after
    }

    /** Issues a server certificate from the CA and writes it, key first, as a rotation job would. */
    private static X509Certificate renewServerCertificate(DevCa.Issued ca) throws Exception {
        DevCa.Issued server = DevCa.server(ca);
        DevCertificates.write(DIR, DevCertificates.SERVER_CERT, DevCertificates.SERVER_KEY, server);
        return server.certificate();
    }

    private static DevCa.Issued currentCa() throws Exception {
        return new DevCa.Issued(PemFiles.certificates(DIR.resolve(DevCertificates.CA_CERT))[0],
                PemFiles.privateKey(DIR.resolve(DevCertificates.CA_KEY)));
    }

    private static String servedSerialOnANewConnection() throws InterruptedException {
        ManagedChannel channel = TestGrpc.tls(DIR.resolve("ca.crt"));
        try {
            return servedSerial(channel);
        } catch (Exception e) {
            return "none: " + e.getMessage();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The serial number of the certificate the server presented on this channel's connection. */
    private static String servedSerial(ManagedChannel channel) throws Exception {
        AtomicReference<SSLSession> session = new AtomicReference<>();
        ExampleServiceGrpc.newBlockingStub(channel).withInterceptors(capturing(session))
                .withDeadlineAfter(5, TimeUnit.SECONDS).sayHello(HelloRequest.newBuilder().setName("tls").build());
        return ((X509Certificate) session.get().getPeerCertificates()[0]).getSerialNumber().toString(16);
    }

    private static ClientInterceptor capturing(AtomicReference<SSLSession> session) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
                    Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        ClientCall<Q, R> call = this;
                        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                            @Override
                            public void onHeaders(Metadata received) {
                                session.set(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION));
                                super.onHeaders(received);
                            }
                        }, headers);
                    }
                };
            }
        };
    }
}
