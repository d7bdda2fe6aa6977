package io.grpclab.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.support.PythonGrpc;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;

/** Python grpcio (C-core) against the running app over TLS: the seed's deadline and trailer, seen by another stack. */
@QuarkusTest
class PythonClientInteropTests {

    @BeforeAll
    static void requirePython() {
        PythonGrpc.require();
    }

    @Test
    void aPythonClientSeesTheDeadlineAndTheTrailer() throws Exception {
        PythonGrpc.Run run = PythonGrpc.script("interop_client.py", Duration.ofSeconds(60),
                Integer.toString(TestGrpc.port()), TestGrpc.CERTS.resolve("ca.crt").toString());
        assertThat(run.exitCode()).as(run.output()).isZero();

        JsonNode report = new ObjectMapper().readTree(run.output());
        assertThat(report.at("/deadline/status").asText()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(report.at("/deadline/elapsedMs").asInt()).isBetween(1000, 1300);
        assertThat(report.at("/metadata/status").asText()).isEqualTo("OK");
        assertThat(report.at("/metadata/echoMessage").asText()).isEqualTo("Hello, gRPC!");
        assertThat(report.at("/metadata/trailers/custom-header").asText()).isEqualTo("value");
    }
}
