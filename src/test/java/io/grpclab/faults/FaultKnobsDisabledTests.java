package io.grpclab.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpclab.hello.ExampleServiceGrpc;
import io.grpclab.hello.HelloRequest;
import io.grpclab.support.TlsChannelTest;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

@QuarkusTest
@TestProfile(FaultKnobsDisabledTests.KnobsOff.class)
class FaultKnobsDisabledTests extends TlsChannelTest {

    public static class KnobsOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.faults.knobs-enabled", "false");
        }
    }

    @Test
    void aCallAskingForAFailureIsToldKnobsAreOff() {
        Metadata knobs = new Metadata();
        knobs.put(Faults.FAIL_ATTEMPTS, "1");
        assertThatThrownBy(() -> ExampleServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(knobs))
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains("lab.faults.knobs-enabled=false");
                });
    }

    @Test
    void aPlainCallIsAnswered() {
        assertThat(ExampleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("prod").build()).getReplyMessage()).isEqualTo("Hello, prod!");
    }
}
