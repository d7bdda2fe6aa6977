package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import grpc.health.v1.HealthGrpc;
import grpc.health.v1.HealthOuterClass.HealthCheckRequest;
import grpc.health.v1.HealthOuterClass.HealthCheckResponse.ServingStatus;
import io.grpclab.support.ReflectedServices;
import io.grpclab.support.TlsChannelTestBase;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GrpcHealthAndReflectionTests extends TlsChannelTestBase {

    @Test
    void theServerAndEachSeedServiceAreServing() {
        HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel)
                .withDeadlineAfter(5, TimeUnit.SECONDS);
        for (String service : List.of("", "EchoService", "ExampleService")) {
            assertThat(health.check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus())
                    .as(service).isEqualTo(ServingStatus.SERVING);
        }
    }

    @Test
    void reflectionListsTheSeedServicesUnderTheirWireNames() throws Exception {
        assertThat(ReflectedServices.of(channel).get(5, TimeUnit.SECONDS))
                .contains("EchoService", "ExampleService", "grpc.health.v1.Health");
    }
}
