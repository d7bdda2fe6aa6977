package io.grpclab.support;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Python gRPC ({@code python3-grpcio}, {@code python3-grpc-tools}) under {@code /usr/bin/python3}:
 * a gRPC stack no one here wrote. Required in CI ({@code CI=true}; {@code .ci/run} installs it); elsewhere a
 * test that needs it is skipped when it is missing.
 */
public final class PythonGrpc {

    public static final String PYTHON = "/usr/bin/python3";
    static final Path STUBS = Path.of("target/python-stubs");
    /** What lab/auth/v1/auth.proto imports for its HTTP rules. */
    public static final List<String> GOOGLE_API_PROTOS = List.of("google/api/annotations.proto",
            "google/api/http.proto");

    /** A finished process: its exit code and what it printed. */
    public record Run(int exitCode, String output) {
    }

    private PythonGrpc() {
    }

    public static void require() {
        boolean available = Files.isExecutable(Path.of(PYTHON))
                && run(Duration.ofSeconds(30), List.of(PYTHON, "-c", "import grpc, grpc_tools")).exitCode() == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, "CI needs python3-grpcio and python3-grpc-tools under " + PYTHON);
        } else {
            assumeTrue(available, "python3-grpcio and python3-grpc-tools are not installed under " + PYTHON);
        }
    }

    /** Runs a script of src/test/python with stubs generated from src/main/proto on its path. */
    public static Run script(String name, Duration timeout, String... args) {
        generateStubs();
        List<String> command = new ArrayList<>(List.of(PYTHON, "src/test/python/" + name));
        command.addAll(List.of(args));
        return run(timeout, command);
    }

    /** Runs a client of src/examples/python, as the README shows it, with the same stubs on its path. */
    public static Run example(String name, Duration timeout, String... args) {
        generateStubs();
        List<String> command = new ArrayList<>(List.of(PYTHON, "src/examples/python/" + name));
        command.addAll(List.of(args));
        return run(timeout, command);
    }

    private static synchronized void generateStubs() {
        if (Files.isRegularFile(STUBS.resolve("lab/auth/v1/auth_pb2.py"))) {
            return;
        }
        try {
            Files.createDirectories(STUBS);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        // auth.proto's google/api imports, from googleapis' jar on the class path, as the Java build takes them
        Path imports = STUBS.resolve("imports");
        for (String proto : GOOGLE_API_PROTOS) {
            copyResource(proto, imports.resolve(proto));
        }
        List<String> command = new ArrayList<>(List.of(PYTHON, "-m", "grpc_tools.protoc", "-Isrc/main/proto",
                "-I" + imports, "--python_out=" + STUBS, "--grpc_python_out=" + STUBS, "echo.proto", "example.proto",
                "lab/auth/v1/auth.proto"));
        command.addAll(GOOGLE_API_PROTOS);
        Run protoc = run(Duration.ofSeconds(60), command);
        assertTrue(protoc.exitCode() == 0, "protoc failed: " + protoc.output());
    }

    private static void copyResource(String name, Path target) {
        try (InputStream in = PythonGrpc.class.getClassLoader().getResourceAsStream(name)) {
            assertTrue(in != null, name + " is not on the class path");
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Run run(Duration timeout, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PYTHONPATH", STUBS.toAbsolutePath().toString());
            Process process = builder.start();
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Run(-1, "timed out after " + timeout);
            }
            return new Run(process.exitValue(),
                    new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new Run(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Run(-1, "interrupted");
        }
    }
}
