package io.grpclab.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code openssl} command: {@code s_client}, a TLS client that can ask for what Java refuses to send (TLS 1.1, weak
 * suites), and a second opinion on the certificates and keys the lab writes and reads.
 */
public final class OpenSsl {

    /** What s_client printed and how it exited. */
    public record Run(int exitCode, String output) {
    }

    private OpenSsl() {
    }

    public static Run connect(int port, String... options) {
        List<String> command = new ArrayList<>(List.of("s_client", "-connect", "127.0.0.1:" + port,
                "-servername", "localhost", "-alpn", "h2"));
        command.addAll(List.of(options));
        return run(command.toArray(String[]::new));
    }

    /** {@code openssl} with these arguments; skips the test where openssl is missing (fails it on CI). */
    public static Run run(String... arguments) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Run(-1, "timed out");
            }
            return new Run(process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            if ("true".equals(System.getenv("CI"))) {
                assertTrue(false, "CI needs openssl: " + e);
            }
            assumeTrue(false, "openssl is not installed");
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        }
    }
}
