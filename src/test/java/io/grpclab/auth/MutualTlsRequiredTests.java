package io.grpclab.auth;

import static org.assertj.core.api.Assertions.assertThat;

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

    private static void sayHello(ManagedChannel channel) {
        ExampleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("mtls").build());
    }
}
