package io.grpclab.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpclab.hello.ExampleServiceGrpc;
import io.grpclab.hello.HelloRequest;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;

/** The gRPC server speaks TLS only, with the development certificates issued at start. */
@QuarkusTest
class TlsServerTests {

    @Test
    void answersAClientThatTrustsTheDevelopmentCa() throws InterruptedException {
        assertThat(Files.isRegularFile(TestGrpc.CERTS.resolve(DevCertificates.CA_CERT))).isTrue();
        ManagedChannel channel = TestGrpc.tls();
        try {
            assertThat(sayHello(channel)).isEqualTo("Hello, tls!");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void refusesAPlaintextClient() throws InterruptedException {
        ManagedChannel channel = TestGrpc.plaintext();
        try {
            assertThatThrownBy(() -> sayHello(channel)).isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void isRefusedByAClientThatTrustsAnotherCa(@TempDir Path otherCa) throws InterruptedException {
        DevCertificates.ensure(otherCa, "test-password");
        ManagedChannel channel = TestGrpc.tls(otherCa.resolve(DevCertificates.CA_CERT));
        try {
            assertThatThrownBy(() -> sayHello(channel)).isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String sayHello(ManagedChannel channel) {
        return ExampleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("tls").build()).getReplyMessage();
    }
}
