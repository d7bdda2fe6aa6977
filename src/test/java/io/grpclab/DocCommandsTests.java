package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import io.grpclab.support.AsInDevMode;
import io.grpclab.support.DocCommands;
import io.grpclab.support.DocCommands.Block;
import io.grpclab.support.DocCommands.Command;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every block of curl commands of the README and the docs against the dev-mode port, run as written with bash, curl and
 * jq against this app: each command must succeed (its pipeline included), and print what its {@code # →} comment says.
 * The other blocks start processes (the jar, redis-server, Python clients, nghttp) and are run by the ITs beside them;
 * their curl commands, and those in the prose, must still name endpoints this app serves.
 */
@QuarkusTest
@TestProfile(AsInDevMode.class)
class DocCommandsTests {

    static final Path BASH = Path.of("/bin/bash");

    @TestHTTPResource("/")
    URL base;

    @Test
    void theDocsHaveRunnableBlocksAndMarkWhatTheyPrint() {
        List<Block> runnable = DocCommands.blocks().stream().filter(Block::runnable).toList();

        assertThat(runnable).hasSizeGreaterThanOrEqualTo(10);
        assertThat(runnable.stream().flatMap(b -> b.commands().stream()).filter(c -> !c.prints().isEmpty()))
                .hasSizeGreaterThanOrEqualTo(15);
    }

    @TestFactory
    Stream<DynamicTest> everyCurlBlockRunsAsWritten() {
        requireTools();
        return DocCommands.blocks().stream().filter(Block::runnable)
                .map(block -> DynamicTest.dynamicTest(block.file() + " line " + block.line(), () -> run(block)));
    }

    private void run(Block block) throws Exception {
        String origin = "localhost:" + base.getPort();
        StringBuilder script = new StringBuilder("set -o pipefail\n");
        for (int i = 0; i < block.commands().size(); i++) {
            script.append("echo '::begin ").append(i).append("'\n")
                    .append(block.commands().get(i).text().replace("localhost:8080", origin)).append('\n')
                    .append("echo \"::end ").append(i).append(" $?\"\n");
        }
        Path file = Files.createTempFile("readme-block", ".sh");
        Files.writeString(file, script);
        Process bash = new ProcessBuilder(BASH.toString(), file.toString()).redirectErrorStream(true).start();
        bash.getOutputStream().close();
        byte[] out = bash.getInputStream().readAllBytes();
        assertThat(bash.waitFor(120, TimeUnit.SECONDS)).as("the block ends within 2 min").isTrue();
        List<String> failures = check(block, new String(out, StandardCharsets.UTF_8));
        assertThat(failures).as("%s line %d", block.file(), block.line()).isEmpty();
    }

    /** Each command's exit status and output, against what the docs say it prints. */
    private static List<String> check(Block block, String output) {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < block.commands().size(); i++) {
            Command command = block.commands().get(i);
            int begin = output.indexOf("::begin " + i + "\n");
            int end = output.indexOf("::end " + i + " ");
            if (begin < 0 || end < 0) {
                failures.add("line " + command.line() + ": did not run");
                continue;
            }
            String printed = output.substring(begin + ("::begin " + i + "\n").length(), end);
            String status = output.substring(end + ("::end " + i + " ").length()).lines().findFirst().orElse("");
            if (!status.equals("0")) {
                failures.add("line " + command.line() + ": exit " + status + "\n" + printed);
            }
            int at = 0;
            for (String fragment : command.prints()) {
                int found = printed.indexOf(fragment, at);
                if (found < 0) {
                    failures.add("line " + command.line() + ": prints no '" + fragment + "' (in order)\n" + printed);
                    break;
                }
                at = found + fragment.length();
            }
        }
        return failures;
    }

    /** curl and jq: required in CI ({@code .ci/run} installs them), elsewhere the test is skipped without them. */
    private static void requireTools() {
        boolean available = Files.isExecutable(BASH) && Files.isExecutable(Path.of("/usr/bin/curl"))
                && Files.isExecutable(Path.of("/usr/bin/jq"));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(available, "CI needs curl and jq (apt-get install curl jq)");
        } else {
            assumeTrue(available, "curl or jq is not installed");
        }
    }
}
