package io.grpclab.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.grpc.Status;

class StatusTextTest {

    static Metadata fromTheServer() {
        Metadata trailers = new Metadata();
        trailers.put(RetryKeys.SERVED_ATTEMPT, "1");
        return trailers;
    }

    @Test
    void theServersOwnDescriptionIsShown() {
        assertThat(StatusText.forCaller(Status.NOT_FOUND.withDescription("no such user"), fromTheServer()))
                .isEqualTo("no such user");
    }

    @Test
    void grpcJavasTextForADeadlineItEndedNamesNoAddress() {
        Status local = Status.DEADLINE_EXCEEDED.withDescription("CallOptions deadline exceeded after 0.99s. "
                + "[remote_addr=localhost/127.0.0.1:50051]");

        assertThat(StatusText.forCaller(local, new Metadata()))
                .isEqualTo("the gRPC call did not complete within its deadline");
    }

    @Test
    void aStatusGrpcJavaMadeUpIsShownByItsCodeOnly() {
        assertThat(StatusText.forCaller(Status.UNAVAILABLE.withDescription("Network closed for unknown reason"), null))
                .isEqualTo("the gRPC call failed with UNAVAILABLE");
        assertThat(StatusText.forCaller(Status.UNAVAILABLE.withDescription("io exception: 10.1.2.3:50051")
                .withCause(new IOException("x")), fromTheServer())).isEqualTo("the gRPC call failed with UNAVAILABLE");
    }
}
