package io.grpclab.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.grpclab.support.AuthCalls;
import io.grpclab.support.PythonGrpc;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Python grpcio (C-core) against the running app over TLS: the seed's deadline, its trailer, metadata in
 * and out (binary included), the request id, and a bearer token from IssueToken, as another stack sees them.
 */
@QuarkusTest
class PythonClientInteropTests {

    @BeforeAll
    static void requirePython() {
        PythonGrpc.require();
    }

    @Test
    void aPythonClientSeesTheDeadlineTheTrailerAndItsMetadataEchoed() throws Exception {
        PythonGrpc.Run run = PythonGrpc.script("interop_client.py", Duration.ofSeconds(60),
                Integer.toString(TestGrpc.port()), TestGrpc.CERTS.resolve("ca.crt").toString(), AuthCalls.USER,
                AuthCalls.PASSWORD);
        assertThat(run.exitCode()).as(run.output()).isZero();

        JsonNode report = new ObjectMapper().readTree(run.output());
        assertThat(report.at("/deadline/status").asText()).isEqualTo("DEADLINE_EXCEEDED");
        assertThat(report.at("/deadline/elapsedMs").asInt()).isBetween(1000, 1300);
        assertThat(report.at("/metadata/status").asText()).isEqualTo("OK");
        assertThat(report.at("/metadata/echoMessage").asText()).isEqualTo("Hello, gRPC!");
        assertThat(report.at("/metadata/trailers/custom-header").asText()).isEqualTo("value");
        assertThat(report.at("/metadata/trailers/x-received-client-custom-header").asText()).isEqualTo("client-value");
        assertThat(report.at("/metadata/trailers/x-received-trace-bin").asText()).isEqualTo("AAEC/w==");
        assertThat(report.at("/metadata/trailers/x-received-user-agent").asText()).contains("grpc-python");
        assertThat(report.at("/metadata/headers/x-request-id").asText()).isEqualTo("python-interop-1");
        assertThat(report.at("/token/tokenType").asText()).isEqualTo("Bearer");
        assertThat(report.at("/token/name").asText()).isEqualTo(AuthCalls.USER);
        assertThat(report.at("/token/mechanism").asText()).isEqualTo("token");
        assertThat(report.at("/noCredentials/status").asText()).isEqualTo("UNAUTHENTICATED");
    }
}
