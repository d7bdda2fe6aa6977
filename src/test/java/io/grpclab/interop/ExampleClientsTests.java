package io.grpclab.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.grpclab.support.PythonGrpc;
import io.grpclab.support.TestGrpc;
import io.quarkus.test.junit.QuarkusTest;

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
}
