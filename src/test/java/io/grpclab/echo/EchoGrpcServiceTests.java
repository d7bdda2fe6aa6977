package io.grpclab.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.common.util.concurrent.ListenableFuture;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.CallLog;
import io.grpclab.grpc.RequestIds;
import io.grpclab.support.CapturedLog;
import io.grpclab.support.TlsChannelTestBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class EchoGrpcServiceTests extends TlsChannelTestBase {

    @Inject
    EchoWaits waits;

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
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("x-echo-delay-ms must be an integer between 0 and 30000");
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
    void theCallLogTellsADeadlineFromACancellation() {
        try (CapturedLog log = CapturedLog.of(CallLog.CATEGORY)) {
            String late = RequestIds.newId();
            assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(late, "10000")))
                    .withDeadlineAfter(200, TimeUnit.MILLISECONDS).echo(EchoRequest.getDefaultInstance()))
                    .isInstanceOf(StatusRuntimeException.class);
            String cancelled = RequestIds.newId();
            ListenableFuture<EchoResponse> call = EchoServiceGrpc.newFutureStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers(cancelled, "10000")))
                    .echo(EchoRequest.getDefaultInstance());
            await().atMost(Duration.ofSeconds(5)).until(() -> waits.inProgress() == 1);
            call.cancel(true);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(log.lines())
                    .anySatisfy(line -> assertThat(line)
                            .contains("served EchoService/Echo: the caller's deadline passed", late))
                    .anySatisfy(line -> assertThat(line).contains("served EchoService/Echo: cancelled by the caller",
                            cancelled)));
        }
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

    @Test
    void metadataOverTheLimitGetsAPreciseStatusNotABareHttp431() {
        Metadata big = new Metadata();
        big.put(Metadata.Key.of("big", Metadata.ASCII_STRING_MARSHALLER), "x".repeat(9000));

        assertThatThrownBy(() -> stub(big).echo(EchoRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
                    assertThat(e.getStatus().getDescription()).contains("this server accepts at most 8192");
                });
    }

    @Test
    void returnsTheMetadataItReceivedWhenAskedWithCredentialsRedacted() {
        Metadata headers = new Metadata();
        headers.put(FaultKnobs.ECHO_METADATA, "true");
        headers.put(Metadata.Key.of("tenant", Metadata.ASCII_STRING_MARSHALLER), "acme");
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer s3cr3t");
        headers.put(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] { 0, 1, 2, (byte) 255 });
        AtomicReference<Metadata> trailers = new AtomicReference<>();

        stub(headers).withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
                .echo(EchoRequest.getDefaultInstance());

        Metadata received = ReceivedMetadata.readFrom(trailers.get());
        assertThat(received.get(Metadata.Key.of("tenant", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("acme");
        assertThat(received.get(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER)))
                .isEqualTo("<redacted>");
        assertThat(received.get(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER)))
                .containsExactly(0, 1, 2, 255);
        assertThat(received.get(Metadata.Key.of("user-agent", Metadata.ASCII_STRING_MARSHALLER)))
                .startsWith("grpc-java");
    }

    @Test
    void returnsTheCallersRequestIdOrANewOne() {
        AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
        EchoServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>()),
                        MetadataUtils.newAttachHeadersInterceptor(headers("echo-req-1", "0")))
                .withDeadlineAfter(5, TimeUnit.SECONDS).echo(EchoRequest.getDefaultInstance());
        assertThat(responseHeaders.get().get(RequestIds.KEY)).isEqualTo("echo-req-1");

        Metadata malformed = headers("not valid!", "0");
        EchoServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>()),
                        MetadataUtils.newAttachHeadersInterceptor(malformed))
                .withDeadlineAfter(5, TimeUnit.SECONDS).echo(EchoRequest.getDefaultInstance());
        assertThat(responseHeaders.get().get(RequestIds.KEY)).matches("[0-9a-f-]{36}");
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
        headers.put(FaultKnobs.ECHO_DELAY_MS, delayMs);
        return headers;
    }
}
