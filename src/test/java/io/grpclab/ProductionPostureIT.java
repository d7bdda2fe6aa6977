package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoServiceGrpc;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.hello.ExampleServiceGrpc;
import io.grpclab.hello.HelloRequest;
import io.grpclab.support.PackagedApp;
import io.grpclab.support.RawHttp2Connection;
import io.grpclab.support.ReflectedServices;
import io.grpclab.support.TrustingCa;
import io.grpclab.tls.DevCertificates;

/**
 * The packaged app in its default profile, prod, given a certificate as an operator would: a hardened service. No
 * knobs, no demos, no reflection, no Swagger UI, no users; health and metrics on the management port only; the
 * transport limits advertised; credentials refused over plain HTTP; the gateway itself working over TLS and HTTPS.
 */
class ProductionPostureIT {

    static final Path CERTS = Path.of("target/prod-certs");
    static final String PROBLEM = "application/problem+json";

    static PackagedApp app;
    static ManagedChannel channel;
    static HttpClient http;

    @BeforeAll
    static void start() throws Exception {
        DevCertificates.ensure(CERTS, "not-used"); // the operator's certificate, provided before start
        app = PackagedApp.started("-Dlab.tls.dir=" + CERTS);
        channel = NettyChannelBuilder.forAddress("localhost", app.grpc)
                .sslContext(GrpcSslContexts.forClient().trustManager(CERTS.resolve("ca.crt").toFile()).build()).build();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TrustingCa.sslContext(CERTS.resolve("ca.crt"))).build();
    }

    @AfterAll
    static void stop() {
        if (channel != null) {
            channel.shutdownNow();
        }
        if (app != null) {
            app.close("production-posture");
        }
    }

    @Test
    void theGatewayServesOverTlsAndHttps() throws Exception {
        HttpResponse<String> plain = post(app.http("/api/echo"), "{\"echoMessage\":\"prod\"}");
        HttpResponse<String> secure = post(app.https("/api/echo"), "{\"echoMessage\":\"prod\"}");

        assertThat(plain.statusCode()).isEqualTo(200);
        assertThat(secure.statusCode()).isEqualTo(200);
        assertThat(secure.body()).contains("prod");
    }

    @Test
    void theDemosAreOffAndSayHowToTurnThemOn() throws Exception {
        for (String path : new String[] { "/demo", "/demo/deadline", "/demo/retry?failAttempts=3",
                "/demo/bad-network/silent-backend", "/demo/explorer", "//demo/deadline",
                "/%64emo/deadline", "/./demo/deadline", "/api/../demo/deadline?delayMs=30000", "/lab", "/lab/",
                "/lab/index.html", "/lab/app.js", "//lab/", "/%6Cab/views.js", "/q/../lab/", "/lab%2Findex.html",
                "/lab%2fapp.js", "/%6Cab%2Findex.html" }) {
            HttpResponse<String> response = get(app.http(path));
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.headers().firstValue("Content-Type")).hasValue(PROBLEM);
            assertThat(response.body()).contains("lab.demo.enabled=true", "-Dquarkus.profile=lab");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(path).hasValue("nosniff");
        }
        assertThat(get(app.http("/q/openapi")).body()).contains("/api/echo").doesNotContain("/demo/");
        assertThat(app.status(app.http("/"))).as("no lab page to lead to").isEqualTo(404);
    }

    @Test
    void theFaultProxyIsOffEvenWithItsPortSet() throws Exception {
        assertThat(get(app.http("/demo/network")).statusCode()).isEqualTo(404);
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), app.proxy).close())
                .as("lab.network.proxy-port=%d is given, and nothing listens there", app.proxy)
                .isInstanceOf(ConnectException.class);
    }

    @Test
    void faultKnobsAreRefusedOnTheGrpcServerNamingTheSwitch() {
        for (Metadata.Key<String> knob : List.of(FaultKnobs.FAIL_ATTEMPTS, FaultKnobs.FAIL_CALLS)) {
            assertThatThrownBy(() -> ExampleServiceGrpc.newBlockingStub(channel).withInterceptors(with(knob, "1"))
                    .withDeadlineAfter(5, TimeUnit.SECONDS).sayHello(HelloRequest.getDefaultInstance()))
                    .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                        assertThat(e.getStatus().getDescription()).contains("lab.faults.knobs-enabled=false");
                    });
        }
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel)
                .withInterceptors(with(FaultKnobs.ECHO_DELAY_MS, "30000"))
                .withDeadlineAfter(5, TimeUnit.SECONDS).echo(EchoRequest.newBuilder().setEchoMessage("x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
    }

    @Test
    void theGatewayRefusesToForwardAFaultKnob() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(app.http("/api/hello"))
                .header("Content-Type", "application/json").header("Grpc-Metadata-x-fail-attempts", "5")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("lab.faults.knobs-enabled=false");
    }

    @Test
    void reflectionIsOff() throws Exception {
        assertThatThrownBy(() -> ReflectedServices.of(channel).get(10, TimeUnit.SECONDS))
                .cause().satisfies(failure -> assertThat(Status.fromThrowable(failure).getCode())
                        .isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    @Test
    void swaggerUiIsOffAndHealthAndMetricsAreOnTheManagementPortOnly() throws Exception {
        assertThat(app.status(app.http("/q/swagger-ui/"))).isEqualTo(404);
        assertThat(app.status(app.http("/q/health"))).isEqualTo(404);
        assertThat(app.status(app.http("/q/metrics"))).isEqualTo(404);
        assertThat(app.status(app.management("/q/health/ready"))).isEqualTo(200);
        assertThat(get(app.management("/q/metrics")).body()).contains("grpc_server_requests_received_messages_total");
    }

    @Test
    void credentialsOverPlainHttpAreRefusedUnlessATrustedProxySaysHttps() throws Exception {
        String basic = "Basic "
                + Base64.getEncoder().encodeToString("demo:demo-password".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> plain = get(app.http("/v1/whoami"), "Authorization", basic);
        assertThat(plain.statusCode()).isEqualTo(400);
        assertThat(plain.body()).contains("credentials are refused over plain HTTP");
        assertThat(get(app.http("/v1/whoami"), "X-Session-Id", "abc").statusCode()).isEqualTo(400);

        HttpResponse<String> secure = get(app.https("/v1/whoami"), "Authorization", basic);
        assertThat(secure.statusCode()).as("over HTTPS it is checked, and prod has no demo user").isEqualTo(401);
        HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(app.http("/v1/whoami"))
                .header("Authorization", basic)
                .header("X-Forwarded-Proto", "https").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(proxied.statusCode()).as("behind a TLS-terminating proxy on loopback").isEqualTo(401);

        HttpResponse<String> login = post(app.http("/v1/sessions"), "{\"username\":\"demo\",\"password\":\"x\"}");
        assertThat(login.statusCode()).as("a password in the body is a credential too").isEqualTo(400);
        assertThat(login.body()).contains("\"name\":\"password\"").doesNotContain("\"x\"");
        assertThat(post(app.https("/v1/sessions"), "{\"username\":\"demo\",\"password\":\"x\"}").statusCode())
                .as("over HTTPS it is checked, and prod has no demo user").isEqualTo(401);
    }

    @Test
    void theServerAdvertisesItsCapOnCallsPerConnection() throws Exception {
        try (RawHttp2Connection connection = RawHttp2Connection.open(app.grpc, CERTS.resolve("ca.crt"))) {
            RawHttp2Connection.Frame settings = connection.await(
                    f -> f.type() == RawHttp2Connection.SETTINGS && (f.flags() & 1) == 0, Duration.ofSeconds(5));

            assertThat(settings.setting(RawHttp2Connection.SETTINGS_MAX_CONCURRENT_STREAMS)).isEqualTo(100L);
        }
    }

    private static HttpResponse<String> get(URI uri, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(URI uri, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static ClientInterceptor with(Metadata.Key<String> knob, String value) {
        Metadata headers = new Metadata();
        headers.put(knob, value);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
