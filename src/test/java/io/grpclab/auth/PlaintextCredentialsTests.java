package io.grpclab.auth;

import static io.grpclab.support.AuthCalls.PASSWORD;
import static io.grpclab.support.AuthCalls.USER;
import static io.grpclab.support.AuthCalls.auth;
import static io.grpclab.support.AuthCalls.basic;
import static io.grpclab.support.AuthCalls.bearer;
import static io.grpclab.support.AuthCalls.credentials;
import static io.grpclab.support.AuthCalls.identity;
import static io.grpclab.support.AuthCalls.session;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.auth.v1.WhoAmIRequest;
import io.grpclab.hello.ExampleServiceGrpc;
import io.grpclab.hello.HelloRequest;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The server in plaintext, as the seed profile runs it: credentials are refused, the rest works. */
@QuarkusTest
@TestProfile(PlaintextCredentialsTests.Plaintext.class)
class PlaintextCredentialsTests {

    public static class Plaintext implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.grpc.server.ssl.certificate", "", "quarkus.grpc.server.ssl.key", "",
                    "quarkus.grpc.server.ssl.trust-store", "", "quarkus.grpc.server.plain-text", "true",
                    "quarkus.grpc.clients.lab.plain-text", "true", "quarkus.grpc.clients.lab.ssl.trust-store", "",
                    "quarkus.grpc.clients.lab.ssl.certificate", "", "quarkus.grpc.clients.lab.ssl.key", "");
        }
    }

    final ManagedChannel channel = TestGrpc.plaintext();

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void everyKindOfCredentialIsRefusedOverPlaintextSayingWhy() {
        for (Metadata credentials : List.of(basic(USER, PASSWORD), bearer("a.b.c"), session("some-session"))) {
            var refused = AuthGrpcTests.refused(() -> identity(channel, credentials)
                    .whoAmI(WhoAmIRequest.getDefaultInstance()));
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(refused.getStatus().getDescription())
                    .startsWith("credentials are refused over a plaintext connection");
        }
    }

    @Test
    void aPasswordInTheBodyOfALoginIsRefusedOverPlaintextToo() {
        for (Runnable login : List.<Runnable> of(
                () -> auth(channel, new Metadata()).createSession(credentials(USER, PASSWORD)),
                () -> auth(channel, new Metadata()).issueToken(credentials(USER, PASSWORD)))) {
            var refused = AuthGrpcTests.refused(login);
            assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
            assertThat(refused.getStatus().getDescription())
                    .startsWith("credentials are refused over a plaintext connection");
        }
    }

    @Test
    void aCallWithoutCredentialsStillWorks() {
        assertThat(ExampleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("plain").build()).getReplyMessage())
                .isEqualTo("Hello, plain!");
    }
}
