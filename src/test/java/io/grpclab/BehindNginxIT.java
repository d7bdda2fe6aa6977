package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.grpclab.support.NginxProxy;
import io.grpclab.support.PackagedApp;
import io.grpclab.tls.DevCertificates;

/**
 * The packaged app in prod behind a real nginx on loopback (a trusted proxy), configured the textbook way: what a
 * client adds to its own request must not change what the app believes about the hop it cannot see.
 */
class BehindNginxIT {

    static final Path CERTS = Path.of("target/nginx-certs");
    static final String BASIC = "Basic "
            + Base64.getEncoder().encodeToString("demo:demo-password".getBytes(StandardCharsets.UTF_8));
    static final String REFUSED = "credentials are refused over plain HTTP";

    static PackagedApp app;
    static NginxProxy nginx;
    static HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        NginxProxy.require();
        DevCertificates.ensure(CERTS, "not-used");
        app = PackagedApp.started("-Dlab.tls.dir=" + CERTS);
        nginx = NginxProxy.started(app.http, Path.of("target/nginx"));
    }

    @AfterAll
    static void stop() {
        if (nginx != null) {
            nginx.close();
        }
        if (app != null) {
            app.close("behind-nginx");
        }
    }

    @Test
    void aClientsOwnXForwardedSslDoesNotMakePlainHttpCountAsHttps() throws Exception {
        HttpResponse<String> basic = send(get(nginx.uri("/v1/whoami")).header("Authorization", BASIC)
                .header("X-Forwarded-Ssl", "on"));
        assertThat(basic.statusCode()).isEqualTo(400);
        assertThat(basic.body()).contains(REFUSED);

        HttpResponse<String> login = send(post(nginx.uri("/v1/sessions"),
                "{\"username\":\"demo\",\"password\":\"demo-password\"}").header("X-Forwarded-Ssl", "on"));
        assertThat(login.statusCode()).as("a password in the body").isEqualTo(400);
        assertThat(login.body()).contains(REFUSED);
    }

    @Test
    void aClientsOwnXForwardedProtoIsReplacedByNginxs() throws Exception {
        HttpResponse<String> response = send(get(nginx.uri("/v1/whoami")).header("Authorization", BASIC)
                .header("X-Forwarded-Proto", "https"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains(REFUSED);
    }

    @Test
    void onlyTheLastXForwardedProtoValueCountsTheOneTheTrustedProxySet() throws Exception {
        // the app's own loopback peer is a trusted proxy here: it speaks as a proxy that appends its value
        assertThat(send(get(app.http("/v1/whoami")).header("Authorization", BASIC)
                .header("X-Forwarded-Proto", "https, http")).statusCode()).as("one line, the proxy's last")
                .isEqualTo(400);
        assertThat(send(get(app.http("/v1/whoami")).header("Authorization", BASIC)
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Proto", "http")).statusCode())
                .as("two lines, the proxy's last").isEqualTo(400);
        assertThat(send(get(app.http("/v1/whoami")).header("Authorization", BASIC)
                .header("X-Forwarded-Proto", "http, https")).statusCode())
                .as("the proxy says https: checked, and prod has no demo user").isEqualTo(401);
    }

    private static HttpRequest.Builder get(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    }

    private static HttpRequest.Builder post(URI uri, String json) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
