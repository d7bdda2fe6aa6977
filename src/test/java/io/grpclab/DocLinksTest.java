package io.grpclab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.grpclab.support.DocCommands;

/**
 * Every relative link of the README, the docs and certs/README.md points at a file that exists, and every anchor
 * ({@code #section}, in the same file or another one) at a heading there, by GitHub's rule for heading ids.
 */
class DocLinksTest {

    /** {@code [text](target)} and {@code ![alt](target)}, the target up to a space (a title may follow). */
    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*]\\(([^)\\s]+)[^)]*\\)");
    private static final Pattern EXTERNAL = Pattern.compile("^[a-z][a-z0-9+.-]*:.*");

    @Test
    void everyRelativeLinkAndAnchorPointsAtSomething() throws IOException {
        List<Path> files = Stream.concat(DocCommands.files().stream(), Stream.of(Path.of("certs/README.md"))).toList();
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : files) {
            List<String> lines = Files.readAllLines(file);
            boolean inBlock = false;
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line.strip().startsWith("```")) {
                    inBlock = !inBlock;
                    continue;
                }
                Matcher link = LINK.matcher(inBlock ? "" : withoutCodeSpans(line));
                while (link.find()) {
                    String target = link.group(1);
                    if (EXTERNAL.matcher(target).matches()) {
                        continue;
                    }
                    links++;
                    String problem = problem(file, target);
                    if (problem != null) {
                        broken.add(file + " line " + (i + 1) + ": " + target + " (" + problem + ")");
                    }
                }
            }
        }
        assertThat(links).as("relative links found").isGreaterThanOrEqualTo(20);
        assertThat(broken).isEmpty();
    }

    @Test
    void headingIdsFollowGitHubsRule() {
        assertThat(id("What it costs: the benchmark")).isEqualTo("what-it-costs-the-benchmark");
        assertThat(id("Raw gRPC frames with `nghttp`")).isEqualTo("raw-grpc-frames-with-nghttp");
        assertThat(id("Running in production")).isEqualTo("running-in-production");
        assertThat(id("HTTP → gRPC status, and back")).isEqualTo("http--grpc-status-and-back");
    }

    @Test
    void aLinkToNothingIsFound() throws IOException {
        assertThat(problem(DocCommands.README, "src/docs/no-such-page.md")).isEqualTo("no such file");
        assertThat(problem(DocCommands.README, "#no-such-section")).isEqualTo("no such heading");
    }

    private static String problem(Path file, String target) throws IOException {
        int hash = target.indexOf('#');
        String path = hash < 0 ? target : target.substring(0, hash);
        Path linked = path.isEmpty() ? file : file.resolveSibling(path).normalize();
        if (!Files.exists(linked)) {
            return "no such file";
        }
        if (hash < 0 || !linked.toString().endsWith(".md")) {
            return null;
        }
        return headingIds(linked).contains(target.substring(hash + 1)) ? null : "no such heading";
    }

    private static Set<String> headingIds(Path file) throws IOException {
        List<String> ids = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(file)) {
            if (line.strip().startsWith("```")) {
                inBlock = !inBlock;
            } else if (!inBlock && line.startsWith("#")) {
                String id = id(line.replaceFirst("^#+\\s*", ""));
                long seen = ids.stream().filter(id::equals).count();
                ids.add(seen == 0 ? id : id + "-" + seen); // GitHub numbers repeated headings
            }
        }
        return ids.stream().collect(Collectors.toSet());
    }

    /** GitHub's heading id: lower case, code marks and punctuation dropped, each space a hyphen. */
    static String id(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}\\s_-]", "").replace(' ', '-');
    }

    private static String withoutCodeSpans(String line) {
        return line.replaceAll("`[^`]*`", "``");
    }
}
