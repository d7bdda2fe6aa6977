package io.grpclab.auth;

import static io.grpclab.support.AuthCalls.PASSWORD;
import static io.grpclab.support.AuthCalls.USER;
import static io.grpclab.support.AuthCalls.basic;
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

/** Client certificates requested: one authenticates the caller as its subject; without one, nothing does. */
@QuarkusTest
@TestProfile(MutualTlsTests.Requested.class)
class MutualTlsTests {

    public static class Requested implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.grpc.server.ssl.client-auth", "REQUEST");
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
}
