package io.grpclab.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A script in src/test/browser run by node, driving headless Debian Chromium through playwright-core, against the
 * app under test. Required in CI ({@code .ci/run} installs both); the test is skipped elsewhere when one is missing.
 */
public final class BrowserScript {

    static final Path PLAYWRIGHT = Path.of("src/test/browser/node_modules/playwright-core");
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private BrowserScript() {
    }

    /**
     * Runs {@code src/test/browser/<script>} with the app's base URL and the arguments, and returns the JSON of its
     * last output line, after checking that it reports no error.
     */
    public static JsonNode run(String script, URL base, long timeoutSeconds, String... arguments)
            throws IOException, InterruptedException {
        boolean available = Files.isDirectory(PLAYWRIGHT) && Files.isExecutable(CHROMIUM);
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, "CI needs Debian's chromium and `npm ci` in src/test/browser");
        } else {
            assumeTrue(available, "chromium or playwright-core is not installed");
        }
        List<String> command = new ArrayList<>(List.of("node", "src/test/browser/" + script, origin(base)));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile("browser-script", ".log"); // a pipe would fill and stall a long run
        Process node = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        node.getOutputStream().close();
        boolean ended = node.waitFor(timeoutSeconds, TimeUnit.SECONDS);
        if (!ended) {
            node.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8).trim();
        Files.deleteIfExists(log);
        assertThat(ended).as("the browser run ended in time: " + output).isTrue();
        JsonNode result = new ObjectMapper().readTree(output.substring(output.lastIndexOf('\n') + 1));
        assertThat(result.path("error").isMissingNode()).as(output).isTrue();
        return result;
    }

    /** The base URL without its trailing slash, as the scripts and curl commands write it. */
    public static String origin(URL base) {
        return base.toString().replaceAll("/$", "");
    }
}
