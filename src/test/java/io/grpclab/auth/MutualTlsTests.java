package io.grpclab.auth;

import static io.grpclab.support.AuthCalls.PASSWORD;
import static io.grpclab.support.AuthCalls.USER;
import static io.grpclab.support.AuthCalls.auth;
import static io.grpclab.support.AuthCalls.basic;
import static io.grpclab.support.AuthCalls.credentials;
import static io.grpclab.support.AuthCalls.identity;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.auth.v1.Identity;
import io.grpclab.auth.v1.WhoAmIRequest;
import io.grpclab.grpc.ForwardedFor;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Client certificates requested: one authenticates the caller as its subject; without one, nothing does. The gateway's
 * certificate also marks a trusted proxy (lab.auth.trusted-proxy-certificates), as another replica's gateway is, while
 * loopback is not trusted by its address here.
 */
@QuarkusTest
@TestProfile(MutualTlsTests.Requested.class)
class MutualTlsTests {

    public static class Requested implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.grpc.server.ssl.client-auth", "REQUEST",
                    "lab.auth.trusted-proxies", "192.0.2.1",
                    "lab.auth.trusted-proxy-certificates", "grpclab-gateway");
        }
    }

    @Test
    void aClientCertificateAuthenticatesTheCallerAsItsSubject() throws InterruptedException {
        ManagedChannel channel = TestGrpc.tlsWithClientCertificate();
        try {
            Identity me = identity(channel, new Metadata()).whoAmI(WhoAmIRequest.getDefaultInstance());

            assertThat(me.getMechanism()).isEqualTo("mtls");
            assertThat(me.getName()).isEqualTo("CN=grpclab-gateway,O=grpclab (development only)");
            assertThat(me.getRolesList()).containsExactly("user");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void explicitCredentialsWinOverTheCertificate() throws InterruptedException {
        ManagedChannel channel = TestGrpc.tlsWithClientCertificate();
        try {
            assertThat(identity(channel, basic(USER, PASSWORD)).whoAmI(WhoAmIRequest.getDefaultInstance())
                    .getMechanism()).isEqualTo("basic");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theGatewaysOwnCertificateNeverStandsInForAnAnonymousHttpCaller() {
        given().when().get("/v1/whoami").then().statusCode(401).contentType("application/problem+json");
        given().auth().preemptive().basic(USER, PASSWORD).when().get("/v1/whoami").then().statusCode(200)
                .body("mechanism", equalTo("basic"));
    }

    @Test
    void aCallForwardedByAProxyIsNotAuthenticatedByTheProxysCertificate() throws InterruptedException {
        ManagedChannel channel = TestGrpc.tlsWithClientCertificate();
        try {
            Metadata forwarded = new Metadata();
            forwarded.put(ForwardedFor.KEY, "203.0.113.9");
            assertThat(AuthGrpcTests.refused(() -> identity(channel, forwarded)
                    .whoAmI(WhoAmIRequest.getDefaultInstance()))
                    .getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutACertificateTheCallerIsAnonymous() throws InterruptedException {
        ManagedChannel channel = TestGrpc.tls();
        try {
            assertThat(AuthGrpcTests.refused(() -> identity(channel, new Metadata())
                    .whoAmI(WhoAmIRequest.getDefaultInstance()))
                    .getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProxyKnownByItsCertificateNamesTheClientTheThrottleCounts() throws InterruptedException {
        ManagedChannel proxy = TestGrpc.tlsWithClientCertificate();
        try {
            for (int i = 0; i < 5; i++) { // lab.auth.throttle.max-failures-per-user-and-client: 5
                assertThat(failedLogin(proxy, "proxied", "203.0.113.20")).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
            assertThat(failedLogin(proxy, "proxied", "203.0.113.20")).as("that client is over its limit")
                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
            assertThat(failedLogin(proxy, "proxied", "203.0.113.21")).as("another client is not")
                    .isEqualTo(Status.Code.UNAUTHENTICATED);
        } finally {
            proxy.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutTheCertificateAForwardedAddressIsNotBelieved() throws InterruptedException {
        ManagedChannel stranger = TestGrpc.tls();
        try {
            for (int i = 0; i < 5; i++) {
                assertThat(failedLogin(stranger, "unproxied", "203.0.113." + (30 + i)))
                        .isEqualTo(Status.Code.UNAUTHENTICATED);
            }
            assertThat(failedLogin(stranger, "unproxied", "203.0.113.99"))
                    .as("every failure counted against the connection's own address, whatever it claimed")
                    .isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        } finally {
            stranger.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Status.Code failedLogin(ManagedChannel channel, String user, String forwardedFor) {
        Metadata forwarded = new Metadata();
        forwarded.put(ForwardedFor.KEY, forwardedFor);
        return AuthGrpcTests.refused(() -> auth(channel, forwarded).createSession(credentials(user, "wrong")))
                .getStatus().getCode();
    }
}
