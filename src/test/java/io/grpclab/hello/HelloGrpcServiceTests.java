package io.grpclab.hello;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.RetryKeys;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class HelloGrpcServiceTests {

    /** Retries UNAVAILABLE up to 4 attempts, quickly. */
    static final Map<String, ?> RETRY_4 = Map.of("methodConfig", List.of(Map.of(
            "name", List.of(Map.of("service", "ExampleService")),
            "retryPolicy", Map.of("maxAttempts", 4.0, "initialBackoff", "0.01s", "maxBackoff", "0.05s",
                    "backoffMultiplier", 2.0, "retryableStatusCodes", List.of("UNAVAILABLE")))));

    static final HelloRequest NAMED = HelloRequest.newBuilder().setName("x").build();

    ManagedChannel channel;

    @AfterEach
    void closeChannel() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void saysHello() {
        channel = TestGrpc.tls();
        assertThat(stub(new Metadata()).sayHello(HelloRequest.newBuilder().setName("Hyeonghwan").build())
                .getReplyMessage()).isEqualTo("Hello, Hyeonghwan!");
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  " })
    void refusesABlankNameWithABadRequestNamingTheField(String name) throws Exception {
        channel = TestGrpc.tls();
        assertThatThrownBy(() -> stub(new Metadata()).sayHello(HelloRequest.newBuilder().setName(name).build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    com.google.rpc.Status details = StatusProto.fromThrowable(e);
                    assertThat(details).isNotNull();
                    BadRequest badRequest;
                    try {
                        badRequest = details.getDetails(0).unpack(BadRequest.class);
                    } catch (InvalidProtocolBufferException unexpected) {
                        throw new AssertionError(unexpected);
                    }
                    assertThat(badRequest.getFieldViolations(0).getField()).isEqualTo("name");
                    assertThat(badRequest.getFieldViolations(0).getDescription()).isEqualTo("must not be blank");
                });
    }

    @Test
    void refusesANameOverItsBound() {
        channel = TestGrpc.tls();
        HelloRequest tooLong = HelloRequest.newBuilder().setName("n".repeat(HelloGrpcService.MAX_NAME_LENGTH + 1))
                .build();
        assertThatThrownBy(() -> stub(new Metadata()).sayHello(tooLong))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .isEqualTo("name must be at most 256 characters, was 257"));
    }

    @Test
    void failsTheFirstAttemptsACallAsksFor() {
        channel = TestGrpc.tls();
        assertThatThrownBy(() -> stub(knobs("1", null, null)).sayHello(NAMED))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
                    assertThat(e.getStatus().getDescription())
                            .isEqualTo("injected failure: attempt 1 of the first 1 that fail");
                });
    }

    @Test
    void countsAttemptsFromTheRetryHeaderSoARetryingClientGetsThrough() {
        channel = TestGrpc.tlsWithServiceConfig(RETRY_4, 4);
        assertThat(stub(knobs("3", null, null)).sayHello(HelloRequest.newBuilder().setName("retry").build())
                .getReplyMessage()).isEqualTo("Hello, retry!");
    }

    @Test
    void aRetryingClientThatRunsOutOfAttemptsSeesTheLastFailure() {
        channel = TestGrpc.tlsWithServiceConfig(RETRY_4, 4);
        assertThatThrownBy(() -> stub(knobs("5", null, null)).sayHello(NAMED))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> assertThat(e.getStatus().getDescription())
                        .isEqualTo("injected failure: attempt 4 of the first 5 that fail"));
    }

    @Test
    void failsWithTheCodeTheCallAsksFor() {
        channel = TestGrpc.tls();
        assertThatThrownBy(() -> stub(knobs("1", "not_found", null)).sayHello(NAMED))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void sendsThePushbackTheCallAsksFor() {
        channel = TestGrpc.tls();
        AtomicReference<Metadata> trailers = new AtomicReference<>();
        assertThatThrownBy(() -> stub(knobs("1", null, "250"))
                .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
                .sayHello(NAMED))
                .isInstanceOf(StatusRuntimeException.class);
        assertThat(trailers.get().get(RetryKeys.RETRY_PUSHBACK)).isEqualTo("250");
    }

    @ParameterizedTest
    @ValueSource(strings = { "x-fail-attempts=101", "x-fail-attempts=-1", "x-fail-attempts=three", "x-fail-code=OK",
            "x-fail-code=BROKEN", "x-retry-pushback-ms=-2", "x-retry-pushback-ms=60001" })
    void refusesMalformedKnobs(String knob) {
        channel = TestGrpc.tls();
        String[] keyValue = knob.split("=");
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(keyValue[0], Metadata.ASCII_STRING_MARSHALLER), keyValue[1]);
        assertThatThrownBy(() -> stub(headers).sayHello(NAMED))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).startsWith(keyValue[0] + " must be");
                });
    }

    private ExampleServiceGrpc.ExampleServiceBlockingStub stub(Metadata headers) {
        return ExampleServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(5, TimeUnit.SECONDS);
    }

    static Metadata knobs(String failAttempts, String failCode, String pushbackMs) {
        Metadata headers = new Metadata();
        if (failAttempts != null) {
            headers.put(FaultKnobs.FAIL_ATTEMPTS, failAttempts);
        }
        if (failCode != null) {
            headers.put(FaultKnobs.FAIL_CODE, failCode);
        }
        if (pushbackMs != null) {
            headers.put(FaultKnobs.RETRY_PUSHBACK_MS, pushbackMs);
        }
        return headers;
    }
}
