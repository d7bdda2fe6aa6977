package io.grpclab.balancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.NameResolverRegistry;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoResponse;
import io.grpclab.echo.EchoServiceGrpc;

/**
 * The gateway channels' balancing (static target, lab_round_robin, health checks, retries) against two plain grpc-java
 * servers in this JVM that answer with their own name: calls alternate, and a backend that says NOT_SERVING gets none.
 * A backend killed under calls in flight is ReplicasIT's (an in-JVM server's shutdownNow resets its streams with
 * CANCEL, which no client retries; a dead process's closed connection is UNAVAILABLE).
 */
class ObservedRoundRobinTest {

    private final Balancing providers = new Balancing();
    private final Backend a = new Backend("a");
    private final Backend b = new Backend("b");
    private String channelName;
    private ManagedChannel channel;

    @BeforeEach
    void start(TestInfo test) throws IOException {
        a.start();
        b.start();
        channelName = "test-" + test.getTestMethod().orElseThrow().getName();
        Map<String, Object> serviceConfig = new LinkedHashMap<>(Balancing.serviceConfig(channelName));
        serviceConfig.put("methodConfig", List.of(Map.of("name", List.of(Map.of()), "retryPolicy", Map.of(
                "maxAttempts", 5.0, "initialBackoff", "0.01s", "maxBackoff", "0.05s", "backoffMultiplier", 2.0,
                "retryableStatusCodes", List.of("UNAVAILABLE")))));
        channel = ManagedChannelBuilder.forTarget("static://localhost:" + a.port() + ",localhost:" + b.port())
                .usePlaintext().defaultServiceConfig(serviceConfig).enableRetry().build();
        channel.getState(true);
        awaitBackends(views -> views.size() == 2 && views.stream().allMatch(BackendState.View::inRotation));
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        a.stop();
        b.stop();
        providers.deregister();
    }

    @Test
    void callsAlternateBetweenTheBackendsAndEachPickIsCounted() {
        Map<String, Long> answeredBy = calls(20);

        assertThat(answeredBy).containsOnly(Map.entry("a", 10L), Map.entry("b", 10L));
        assertThat(Backends.of(channelName)).allSatisfy(backend -> {
            assertThat(backend.state()).isEqualTo("READY");
            assertThat(backend.health()).isEqualTo("SERVING");
            assertThat(backend.picks()).isEqualTo(10);
            assertThat(backend.address()).matches("localhost/127\\.0\\.0\\.1:\\d+");
        });
    }

    @Test
    void aBackendThatSaysNotServingGetsNoCallsUntilItServesAgain() {
        b.health.setStatus("", ServingStatus.NOT_SERVING);
        BackendState.View notServing = awaitBackend(b, view -> "NOT_SERVING".equals(view.health()));
        assertThat(notServing.inRotation()).isFalse();
        assertThat(notServing.state()).as("the connection itself is fine").isEqualTo("READY");

        assertThat(calls(10)).containsOnly(Map.entry("a", 10L));

        b.health.setStatus("", ServingStatus.SERVING);
        awaitBackend(b, BackendState.View::inRotation);
        assertThat(calls(10)).containsOnly(Map.entry("a", 5L), Map.entry("b", 5L));
    }

    @Test
    void targetsWithoutASchemeStillMeanDns() {
        assertThat(NameResolverRegistry.getDefaultRegistry().asFactory().getDefaultScheme()).isEqualTo("dns");
    }

    private Map<String, Long> calls(int count) {
        EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc.newBlockingStub(channel);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            answers.add(stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(request()).getEchoMessage());
        }
        return answers.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    private static EchoRequest request() {
        return EchoRequest.newBuilder().setEchoMessage("hi").build();
    }

    private List<BackendState.View> awaitBackends(java.util.function.Predicate<List<BackendState.View>> condition) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> Backends.of(channelName), condition);
    }

    private BackendState.View awaitBackend(Backend backend, java.util.function.Predicate<BackendState.View> condition) {
        return await().atMost(Duration.ofSeconds(10)).until(() -> Backends.of(channelName).stream()
                .filter(view -> view.address().endsWith(":" + backend.port())).findFirst().orElse(null),
                view -> view != null && condition.test(view));
    }

    /** A plain grpc-java server with a health service, whose echo answers with its name. */
    private static final class Backend {

        final String name;
        final HealthStatusManager health = new HealthStatusManager();
        Server server;
        int port;

        Backend(String name) {
            this.name = name;
        }

        void start() throws IOException {
            server = NettyServerBuilder.forPort(0).addService(health.getHealthService())
                    .addService(new EchoServiceGrpc.EchoServiceImplBase() {
                        @Override
                        public void echo(EchoRequest request, StreamObserver<EchoResponse> response) {
                            response.onNext(EchoResponse.newBuilder().setEchoMessage(name).build());
                            response.onCompleted();
                        }
                    }).build().start();
            port = server.getPort();
        }

        int port() {
            return port;
        }

        void stop() throws InterruptedException {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
