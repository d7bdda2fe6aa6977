package io.grpclab.lab.network;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpclab.echo.EchoRequest;
import io.grpclab.echo.EchoServiceGrpc;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The shared listener (lab.network.proxy-port, a free port in tests) as a client of its own meets it: TLS end to end
 * through it, faults set and removed over REST, and the proxy's record of what happened; bad input is problem+json.
 */
@QuarkusTest
class NetworkProxyTests {

    @AfterEach
    void reset() {
        given().post("/demo/network/reset").then().statusCode(200);
    }

    @Test
    void aCallGoesThroughWithTlsEndToEndAndTheProxyRecordsIt() throws InterruptedException {
        int port = given().get("/demo/network").then().statusCode(200)
                .body("target", containsString(":" + TestGrpc.port())).extract().path("port");
        ManagedChannel channel = TestGrpc.tls(port, TestGrpc.CERTS.resolve("ca.crt"));
        try {
            assertThat(EchoServiceGrpc.newBlockingStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .echo(EchoRequest.newBuilder().setEchoMessage("through").build()).getEchoMessage())
                    .isEqualTo("through");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/demo/network").then()
                .body("connections.find { it.closedBy == 'client' }.bytesDownstream", greaterThan(1000)));
    }

    @Test
    void silenceSetOverRestLeavesACallToItsDeadlineAndTheDroppedBytesAreCounted() throws InterruptedException {
        int port = given().get("/demo/network").then().extract().path("port");
        ManagedChannel channel = TestGrpc.tls(port, TestGrpc.CERTS.resolve("ca.crt"));
        try {
            EchoServiceGrpc.EchoServiceBlockingStub stub = EchoServiceGrpc.newBlockingStub(channel);
            stub.withDeadlineAfter(5, TimeUnit.SECONDS).echo(EchoRequest.getDefaultInstance()); // connected
            String id = given().contentType(ContentType.JSON).body("{\"type\":\"silence\",\"direction\":\"DOWNSTREAM\"}")
                    .post("/demo/network/faults?durationMs=30000").then().statusCode(201)
                    .header("Location", containsString("/demo/network/faults/f"))
                    .body("fault.type", equalTo("silence")).extract().path("id");

            assertThatThrownBy(() -> stub.withDeadlineAfter(300, TimeUnit.MILLISECONDS)
                    .echo(EchoRequest.getDefaultInstance())).isInstanceOfSatisfying(StatusRuntimeException.class,
                            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
            given().get("/demo/network").then().body("faults.id", hasItem(id))
                    .body("connections.find { it.closedBy == null }.droppedDownstream", greaterThan(0))
                    .body("connections.find { it.closedBy == null }.events.what",
                            hasItem(id + " silence downstream began"));

            given().delete("/demo/network/faults/" + id).then().statusCode(204);
            given().get("/demo/network").then().body("faults.id", not(hasItem(id)));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aFieldOutOfItsBoundsIsAProblemNamingIt() {
        given().contentType(ContentType.JSON).body("{\"type\":\"latency\",\"latencyMs\":20000}")
                .post("/demo/network/faults").then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams.name", hasItem("latencyMs"));
        given().contentType(ContentType.JSON).body("{\"type\":\"reset\"}").post("/demo/network/faults").then()
                .statusCode(400).body("invalidParams.reason", hasItem("set afterMs, afterBytes or both"));
        given().contentType(ContentType.JSON).body("{\"type\":\"silence\"}")
                .post("/demo/network/faults?durationMs=0").then().statusCode(400)
                .body("invalidParams.name", hasItem("durationMs"));
        given().contentType(ContentType.JSON).body("{\"type\":\"flood\"}").post("/demo/network/faults").then()
                .statusCode(400).contentType("application/problem+json")
                .body("invalidParams[0].reason", equalTo("has no kind 'flood'"));
        given().contentType(ContentType.JSON).body("{\"type\":\"latency\",\"latencyMs\":\"soon\"}")
                .post("/demo/network/faults").then().statusCode(400).contentType("application/problem+json")
                .body("invalidParams[0].name", equalTo("latencyMs"));
        given().delete("/demo/network/faults/f999999").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("no fault f999999"));
        given().delete("/demo/network/faults/nope").then().statusCode(400);
    }

    @Test
    void theControlApiIsNotAScenarioOfTheIndex() {
        given().get("/demo").then().body("scenarios.path", not(hasItem(containsString("/demo/network"))));
    }
}
