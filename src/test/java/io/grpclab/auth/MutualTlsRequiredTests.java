package io.grpclab.auth;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpclab.hello.ExampleServiceGrpc;
import io.grpclab.hello.HelloRequest;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/** Client certificates required: no connection without one. */
@QuarkusTest
@TestProfile(MutualTlsRequiredTests.Required.class)
class MutualTlsRequiredTests {

    public static class Required implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.grpc.server.ssl.client-auth", "REQUIRED");
        }
    }

    @Test
    void aClientWithoutACertificateCannotConnect() throws InterruptedException {
        ManagedChannel channel = TestGrpc.tls();
        try {
            assertThat(AuthGrpcTests.refused(() -> sayHello(channel)).getStatus().getCode())
                    .isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aClientWithACertificateConnects() throws InterruptedException {
        ManagedChannel channel = TestGrpc.tlsWithClientCertificate();
        try {
            sayHello(channel);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** The lab, hedging and throttled channels all present the gateway's client certificate. */
    @Test
    void everyGatewayChannelConnects() {
        given().contentType(ContentType.JSON).body("{\"echoMessage\":\"mtls\"}").when().post("/api/echo")
                .then().statusCode(200);
        given().when().get("/demo/hedging").then().statusCode(200).body("outcome.status", equalTo("OK"));
        given().queryParam("failAttempts", 1).queryParam("throttleMaxTokens", 10)
                .queryParam("throttleTokenRatio", 0.5).when().get("/demo/retry").then()
                .statusCode(200).body("outcome.status", equalTo("OK"));
    }

    private static void sayHello(ManagedChannel channel) {
        ExampleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("mtls").build());
    }
}
