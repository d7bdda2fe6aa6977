package io.grpclab.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import org.junit.jupiter.api.Test;

import io.grpc.Status;

class StatusTextTest {

    @Test
    void theServersOwnDescriptionIsShown() {
        assertThat(StatusText.forCaller(Status.NOT_FOUND.withDescription("no such user"), false)).isEqualTo("no such user");
    }

    @Test
    void grpcJavasTextForADeadlineItEndedNamesNoAddress() {
        Status local = Status.DEADLINE_EXCEEDED.withDescription("CallOptions deadline exceeded after 0.99s. "
                + "[remote_addr=localhost/127.0.0.1:50051]");

        assertThat(StatusText.forCaller(local, true)).isEqualTo("the gRPC call did not complete within its deadline");
    }

    @Test
    void aTransportFailureIsShownByItsCodeOnly() {
        Status broken = Status.UNAVAILABLE.withDescription("io exception: 10.1.2.3:50051").withCause(new IOException("x"));

        assertThat(StatusText.forCaller(broken, false)).isEqualTo("the gRPC call failed with UNAVAILABLE");
        assertThat(StatusText.forCaller(Status.CANCELLED.withDescription("RST_STREAM from 10.1.2.3"), true))
                .isEqualTo("the gRPC call failed with CANCELLED");
    }
}
