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
import io.grpclab.support.OpenSsl;
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

    @Test
    void tls11IsRefused() {
        OpenSsl.Run run = OpenSsl.connect(TestGrpc.port(), "-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0");

        assertThat(run.exitCode()).as(run.output()).isNotZero();
        // the server answers the TLS 1.1 hello with alert 70, protocol_version; no cipher is agreed
        assertThat(run.output()).contains("alert protocol version", "Cipher is (NONE)");
    }

    @Test
    void tls12WithAForwardSecretAeadSuiteIsAcceptedAndACbcSuiteIsNot() {
        OpenSsl.Run aead = OpenSsl.connect(TestGrpc.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-GCM-SHA256");
        assertThat(aead.exitCode()).as(aead.output()).isZero();
        assertThat(aead.output()).contains("Protocol  : TLSv1.2", "Cipher    : ECDHE-ECDSA-AES128-GCM-SHA256");

        OpenSsl.Run cbc = OpenSsl.connect(TestGrpc.port(), "-tls1_2", "-cipher", "ECDHE-ECDSA-AES128-SHA");
        assertThat(cbc.exitCode()).as(cbc.output()).isNotZero();
    }

    private static String sayHello(ManagedChannel channel) {
        return ExampleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("tls").build()).getReplyMessage();
    }
}
