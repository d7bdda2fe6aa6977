package io.grpclab.interop;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.grpclab.support.PythonGrpc;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The Python clients of src/examples/python against the running app: each exits 0 only when what it demonstrates
 * happened (the deadline expired, the trailers came back, each credential was accepted and revoked, the retries
 * succeeded), so a change that breaks an example breaks the build.
 */
@QuarkusTest
class ExampleClientsTests {

    @BeforeAll
    static void requirePython() {
        PythonGrpc.require();
    }

    @ParameterizedTest
    @ValueSource(strings = { "deadline.py", "metadata.py", "auth.py", "retry.py" })
    void theExampleShowsWhatItSays(String example) {
        PythonGrpc.Run run = PythonGrpc.example(example, Duration.ofSeconds(60), "--target",
                "localhost:" + TestGrpc.port(), "--ca", TestGrpc.CERTS.resolve("ca.crt").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
    }

    /** silent_peer.py through the shared fault proxy, a silence set over REST as its docstring says. */
    @Test
    void theSilentPeerClientIsFoundOutByKeepaliveAndNotWithout() {
        int proxy = given().get("/demo/network").then().statusCode(200).extract().path("port");
        given().contentType(ContentType.JSON).body("{\"type\":\"silence\",\"afterMs\":1000}")
                .post("/demo/network/faults").then().statusCode(201);
        try {
            String[] target = { "--target", "localhost:" + proxy, "--ca", TestGrpc.CERTS.resolve("ca.crt").toString() };
            PythonGrpc.Run keepalive = PythonGrpc.example("silent_peer.py", Duration.ofSeconds(60), target);
            assertThat(keepalive.exitCode()).as(keepalive.output()).isZero();
            assertThat(keepalive.output()).contains("<- UNAVAILABLE after");

            String[] without = { target[0], target[1], target[2], target[3], "--no-keepalive", "--deadline", "3",
                    "--delay-ms", "2000" };
            PythonGrpc.Run silent = PythonGrpc.example("silent_peer.py", Duration.ofSeconds(60), without);
            assertThat(silent.exitCode()).as(silent.output()).isZero();
            assertThat(silent.output()).contains("<- DEADLINE_EXCEEDED after");
        } finally {
            given().post("/demo/network/reset").then().statusCode(200);
        }
    }
}
