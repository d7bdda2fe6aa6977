package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The packaged jar refuses to start on a bad retry policy, and says which key is wrong. */
class InvalidPolicyStopsTheAppIT {

    static final Path JAR = Path.of("target/quarkus-app/quarkus-run.jar");

    @ParameterizedTest
    @CsvSource({ "lab.retry.backoff-multiplier,-1", "lab.retry.retryable-status-codes,SOMETIMES",
            "lab.retry.initial-backoff,soon", "lab.hedging.max-attempts,1" })
    void aBadValueStopsTheAppNamingItsKey(String key, String value) throws Exception {
        Process app = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-D" + key + "=" + value, "-Dquarkus.http.port=0", "-Dquarkus.grpc.server.port=0",
                "-Dlab.tls.dir=target/it-certs", "-jar", JAR.toString())).redirectErrorStream(true).start();
        app.getOutputStream().close();
        boolean exited = app.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            app.destroyForcibly();
        }
        String output = new String(app.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(exited).as("the app stopped by itself").isTrue();
        assertThat(app.exitValue()).as(output).isNotZero();
        assertThat(output).contains(key);
    }
}
