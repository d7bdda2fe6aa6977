package io.grpclab.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * src/examples/python carries copies of the server's protos, so that the folder can be copied out of the repository and
 * still build its stubs; a copy that drifts from the server's would make the clients talk past it.
 */
class ExampleProtosTest {

    @ParameterizedTest
    @ValueSource(strings = { "echo.proto", "example.proto", "lab/auth/v1/auth.proto" })
    void theExamplesProtosAreTheServersOwn(String proto) throws Exception {
        assertThat(Files.readString(Path.of("src/examples/python/protos", proto)))
                .isEqualTo(Files.readString(Path.of("src/main/proto", proto)));
    }

    /** The googleapis protos auth.proto imports: the copies are those of the jar the Java build imports them from. */
    @ParameterizedTest
    @ValueSource(strings = { "google/api/annotations.proto", "google/api/http.proto" })
    void theExamplesGoogleApiProtosAreTheBuildsOwn(String proto) throws Exception {
        try (InputStream jar = getClass().getClassLoader().getResourceAsStream(proto)) {
            assertThat(jar).as(proto + " on the class path").isNotNull();
            assertThat(Files.readString(Path.of("src/examples/python/protos", proto)))
                    .isEqualTo(new String(jar.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
