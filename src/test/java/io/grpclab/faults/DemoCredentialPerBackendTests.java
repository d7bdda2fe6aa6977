package io.grpclab.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoResponse;
import io.grpclab.echo.EchoServiceGrpc;
import io.grpclab.support.TestGrpc;
import io.grpclab.support.TlsChannelTestBase;
import io.grpclab.tls.DevCertificates;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Demos on and knobs off, as on a real deployment, with the gateway balancing over this app's server and another
 * backend (a plain grpc-java server the test runs, which keeps every x-lab-demo-token it is sent). The credential an
 * attempt takes there is signed for that backend's address: replayed against this app's server, it opens nothing.
 */
@QuarkusTest
@TestProfile(DemoCredentialPerBackendTests.TwoBackends.class)
class DemoCredentialPerBackendTests extends TlsChannelTestBase {

    /** Another backend in the gateway's list, recording the demo credentials it receives. */
    public static class ForeignBackend implements QuarkusTestResourceLifecycleManager {
        static final List<String> TOKENS = new CopyOnWriteArrayList<>();
        static Server server;

        @Override
        public Map<String, String> start() {
            try {
                DevCertificates.ensure(TestGrpc.CERTS, "not-used"); // the app's test CA, before the app makes it
                ServerInterceptor keepToken = new ServerInterceptor() {
                    @Override
                    public <Q, R> io.grpc.ServerCall.Listener<Q> interceptCall(io.grpc.ServerCall<Q, R> call,
                            Metadata headers, io.grpc.ServerCallHandler<Q, R> next) {
                        String token = headers.get(FaultKnobs.DEMO_TOKEN);
                        if (token != null) {
                            TOKENS.add(token);
                        }
                        return next.startCall(call, headers);
                    }
                };
                EchoServiceGrpc.EchoServiceImplBase echo = new EchoServiceGrpc.EchoServiceImplBase() {
                    @Override
                    public void echo(EchoRequest request, StreamObserver<EchoResponse> answer) {
                        answer.onNext(EchoResponse.newBuilder().setEchoMessage(request.getEchoMessage()).build());
                        answer.onCompleted();
                    }
                };
                server = NettyServerBuilder.forPort(0)
                        .sslContext(GrpcSslContexts.forServer(TestGrpc.CERTS.resolve("server.crt").toFile(),
                                TestGrpc.CERTS.resolve("server.key").toFile()).build())
                        .addService(ServerInterceptors.intercept(echo, keepToken))
                        .addService(new HealthStatusManager().getHealthService()).build().start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            return Map.of("quarkus.grpc.clients.lab.name-resolver", "static",
                    "quarkus.grpc.clients.lab.host", "localhost,localhost:" + server.getPort());
        }

        @Override
        public void stop() {
            if (server != null) {
                server.shutdownNow();
            }
        }
    }

    public static class TwoBackends implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.faults.knobs-enabled", "false", "lab.demo.enabled", "true");
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ForeignBackend.class));
        }
    }

    @Test
    void aCredentialTheOtherBackendReceivedOpensNoKnobHere() {
        for (int call = 0; call < 10 && ForeignBackend.TOKENS.isEmpty(); call++) {
            given().get("/demo/deadline?deadlineMs=5000&delayMs=1").then().statusCode(200);
        }
        assertThat(ForeignBackend.TOKENS).as("round robin sent a demo call there").isNotEmpty();

        Metadata replayed = new Metadata();
        replayed.put(FaultKnobs.DEMO_TOKEN, ForeignBackend.TOKENS.get(0));
        replayed.put(FaultKnobs.ECHO_DELAY_MS, "1");
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(replayed))
                .withDeadlineAfter(5, TimeUnit.SECONDS).echo(EchoRequest.newBuilder().setEchoMessage("x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
    }

    @Test
    void theGatewaysOwnDemoCallsStillUseTheKnobsHere() {
        List<String> outcomes = new java.util.ArrayList<>();
        // round robin: both backends answer within a few calls, once the other one is ready
        for (int call = 0; call < 10 && !outcomes.containsAll(List.of("OK", "DEADLINE_EXCEEDED")); call++) {
            outcomes.add(given().get("/demo/deadline?deadlineMs=200&delayMs=3000").then().statusCode(200)
                    .extract().path("outcome.status"));
        }

        assertThat(outcomes).as("this server waited as the knob asked; the other backend ignores knobs")
                .contains("DEADLINE_EXCEEDED", "OK");
    }
}
