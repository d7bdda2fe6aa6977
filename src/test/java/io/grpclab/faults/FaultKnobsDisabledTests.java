package io.grpclab.faults;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.grpc.ClientInterceptor;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoServiceGrpc;
import io.grpclab.hello.ExampleServiceGrpc;
import io.grpclab.hello.HelloRequest;
import io.grpclab.support.TlsChannelTestBase;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;

/**
 * Fault knobs off, as in prod, with the demos on: no outside caller can make the server fail or wait, directly or
 * through the gateway, while the gateway's own scenarios still run.
 */
@QuarkusTest
@TestProfile(FaultKnobsDisabledTests.KnobsOff.class)
class FaultKnobsDisabledTests extends TlsChannelTestBase {

    public static class KnobsOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lab.faults.knobs-enabled", "false");
        }
    }

    @ParameterizedTest
    @CsvSource({ "x-fail-attempts,1", "x-fail-code,INTERNAL", "x-retry-pushback-ms,100", "x-fail-calls,1",
            "x-fail-mode,seed-window" })
    void aCallAskingSayHelloForAFailureIsToldKnobsAreOff(String knob, String value) {
        assertThatThrownBy(() -> ExampleServiceGrpc.newBlockingStub(channel).withInterceptors(with(knob, value))
                .withDeadlineAfter(5, TimeUnit.SECONDS).sayHello(HelloRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains(knob, "lab.faults.knobs-enabled=false");
                });
    }

    @ParameterizedTest
    @CsvSource({ "x-echo-delay-ms,30000", "x-echo-delay-attempts,1", "x-echo-metadata,true" })
    void aCallAskingEchoToWaitOrToEchoIsToldKnobsAreOff(String knob, String value) {
        long start = System.nanoTime();
        assertThatThrownBy(() -> EchoServiceGrpc.newBlockingStub(channel).withInterceptors(with(knob, value))
                .withDeadlineAfter(5, TimeUnit.SECONDS).echo(EchoRequest.newBuilder().setEchoMessage("x").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
                    assertThat(e.getStatus().getDescription()).contains(knob);
                });
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).as("refused, not waited").isLessThan(3000);
    }

    @Test
    void aForgedDemoCredentialDoesNotOpenTheKnobs() {
        Metadata forged = new Metadata();
        forged.put(FaultKnobs.FAIL_ATTEMPTS, "1");
        forged.put(FaultKnobs.DEMO_TOKEN, "guessed-token");
        assertThatThrownBy(() -> ExampleServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(forged))
                .withDeadlineAfter(5, TimeUnit.SECONDS).sayHello(HelloRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION));
    }

    @Test
    void aPlainCallIsAnswered() {
        assertThat(ExampleServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("prod").build()).getReplyMessage())
                .isEqualTo("Hello, prod!");
    }

    @ParameterizedTest
    @CsvSource({ "Grpc-Metadata-x-fail-attempts,2", "Grpc-Metadata-x-echo-delay-ms,30000",
            "Grpc-Metadata-X-Fail-Code,INTERNAL" })
    void theGatewayRefusesToForwardAKnob(String header, String value) {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}").header(header, value)
                .when().post("/api/hello")
                .then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo(header))
                .body("detail", containsString("lab.faults.knobs-enabled=false"));
    }

    @Test
    void theGatewayNeverForwardsTheDemoCredential() {
        given().contentType(ContentType.JSON).body("{\"name\":\"x\"}").header("Grpc-Metadata-x-lab-demo-token", "x")
                .when().post("/api/hello")
                .then().statusCode(400).body("detail", containsString("reserved"));
    }

    @Test
    void theDemosStillUseTheKnobsOnTheGatewaysOwnCalls() {
        given().when().get("/demo/retry?failAttempts=2").then().statusCode(200)
                .body("outcome.status", equalTo("OK"))
                .body("attempts.size()", equalTo(3));
        given().when().get("/demo/deadline?deadlineMs=300&delayMs=2000").then().statusCode(200)
                .body("outcome.status", equalTo("DEADLINE_EXCEEDED"))
                .body("server.waitEnded", equalTo("DEADLINE_EXCEEDED"));
        given().when().get("/demo/metadata?failWith=NOT_FOUND").then().statusCode(200)
                .body("outcome.status", equalTo("NOT_FOUND"))
                .body("metadata.serverReceived.size()", greaterThan(0))
                .body("metadata.serverReceived", not(hasKey("x-lab-demo-token")));
    }

    private static ClientInterceptor with(String knob, String value) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of(knob, Metadata.ASCII_STRING_MARSHALLER), value);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }
}
