package io.grpclab.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.util.concurrent.ListenableFuture;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpclab.grpc.RequestIds;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EchoGrpcServiceTests {

    @Inject
    EchoWaits waits;

    ManagedChannel channel;

    @BeforeEach
    void openChannel() {
        channel = TestGrpc.tls();
    }

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void echoesTheMessageAndSendsTheSeedTrailer() {
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        EchoResponse reply = EchoServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .echo(EchoRequest.newBuilder().setEchoMessage("Hello, gRPC!").build());

        assertThat(reply.getEchoMessage()).isEqualTo("Hello, gRPC!");
        assertThat(trailers.get().get(EchoGrpcService.CUSTOM_HEADER)).isEqualTo("value");
    }

    @Test
    void waitsTheDelayTheCallAsksFor() {
        long start = System.nanoTime();
        EchoResponse reply = stub(headers(null, "300")).echo(EchoRequest.newBuilder().setEchoMessage("slow").build());

        assertThat(reply.getEchoMessage()).isEqualTo("slow");
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(300);
    }

    @ParameterizedTest
    @ValueSource(strings = { "-1", "30001", "soon", "1.5" })
    void refusesADelayOutOfBounds(String delay) {
        assertThatThrownBy(() -> stub(headers(null, delay)).echo(EchoRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).isEqualTo("x-echo-delay-ms must be an integer between 0 and 30000");
                });
    }

    @Test
    void aCallWhoseDeadlinePassedNoLongerHoldsTheServer() {
        String requestId = RequestIds.newId();
        long start = System.nanoTime();
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(requestId, "10000")))
                .withDeadlineAfter(200, TimeUnit.MILLISECONDS)
                .echo(EchoRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));

        Optional<EchoWaits.Ended> ended = waits.ending(requestId, Duration.ofSeconds(2)).await().indefinitely();
        assertThat(ended).hasValueSatisfying(e -> {
            assertThat(e.ending()).isIn(EchoWaits.Ending.DEADLINE_EXCEEDED, EchoWaits.Ending.CANCELLED);
            assertThat(e.afterMs()).isLessThan(1000);
        });
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(2000);
        await().atMost(Duration.ofSeconds(1)).until(() -> waits.inProgress() == 0);
    }

    @Test
    void aCancelledCallNoLongerHoldsTheServer() {
        String requestId = RequestIds.newId();
        ListenableFuture<EchoResponse> call = EchoServiceGrpc.newFutureStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(requestId, "10000")))
                .echo(EchoRequest.getDefaultInstance());
        await().atMost(Duration.ofSeconds(5)).until(() -> waits.inProgress() == 1);

        call.cancel(true);

        Optional<EchoWaits.Ended> ended = waits.ending(requestId, Duration.ofSeconds(2)).await().indefinitely();
        assertThat(ended).hasValueSatisfying(e -> assertThat(e.ending()).isEqualTo(EchoWaits.Ending.CANCELLED));
        assertThat(waits.inProgress()).isZero();
    }

    private EchoServiceGrpc.EchoServiceBlockingStub stub(Metadata headers) {
        return EchoServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    private static Metadata headers(String requestId, String delayMs) {
        Metadata headers = new Metadata();
        if (requestId != null) {
            headers.put(RequestIds.KEY, requestId);
        }
        headers.put(EchoDelay.DELAY_MS, delayMs);
        return headers;
    }
}
