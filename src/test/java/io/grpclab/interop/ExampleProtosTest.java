package io.grpclab.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * examples/python carries copies of the server's protos, so that the folder can be copied out of the repository and
 * still build its stubs; a copy that drifts from the server's would make the clients talk past it.
 */
class ExampleProtosTest {

    @ParameterizedTest
    @ValueSource(strings = { "echo.proto", "example.proto", "lab/auth/v1/auth.proto" })
    void theExamplesProtosAreTheServersOwn(String proto) throws Exception {
        assertThat(Files.readString(Path.of("examples/python/protos", proto)))
                .isEqualTo(Files.readString(Path.of("src/main/proto", proto)));
    }
}
