package io.grpclab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpclab.hello.ExampleServiceGrpc;
import io.grpclab.hello.HelloReply;
import io.grpclab.hello.HelloRequest;
import io.grpclab.support.FixedClock;
import io.grpclab.support.TlsChannelTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The seed's retry server: UNAVAILABLE whenever epoch seconds % 2 < 1, driven here by a fixed clock. */
@QuarkusTest
@TestProfile(SeedWindowFaultsTests.SeedWindow.class)
class SeedWindowFaultsTests extends TlsChannelTestBase {

    public static class SeedWindow implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.faults.mode", "seed-window");
        }
    }

    @Test
    void isUnavailableInTheFirstSecondOfEveryTwo() {
        FixedClock.at("2026-11-25T10:00:00.999Z");
        assertThatThrownBy(this::sayHello).isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
            assertThat(e.getStatus().getDescription()).isEqualTo("Server Unavailable");
        });
    }

    @Test
    void answersInTheSecondSecondOfEveryTwo() {
        FixedClock.at("2026-11-25T10:00:01.000Z");
        assertThat(sayHello().getReplyMessage()).isEqualTo("Hello, Hyeonghwan!");
    }

    private HelloReply sayHello() {
        return ExampleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("Hyeonghwan").build());
    }
}
