package io.grpclab.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The shell commands of README.md and the docs, read from their {@code ```bash} blocks, so that tests run what a
 * newcomer copies. A
 * command's trailing comment that starts with {@code →} is what it prints: fragments separated by {@code …}, each of
 * which must appear, in order. A block is runnable against a test app when every command in it is a {@code curl} (or
 * a loop or an assignment around one) to {@code localhost:8080}, the dev-mode port; other blocks start processes of
 * their own and are run by the ITs that say so beside them.
 */
public final class DocCommands {

    public static final Path README = Path.of("README.md");
    /** Where the rest of the documentation lives: the fixed top level has no room for a docs folder. */
    public static final Path DOCS = Path.of("src/docs");
    static final String DEV_ORIGIN = "localhost:8080";
    private static final Pattern URL = Pattern.compile("localhost:8080(/[^'\"\\s]*)");
    private static final Pattern RUNNABLE = Pattern.compile("(curl|s=\\$\\(curl|for i in) .*");
    private static final Pattern OTHER_PORT = Pattern.compile("localhost:(?!8080\\b)\\d+");
    private static final Pattern APP_URL = Pattern
            .compile("(?:https?://)?(?:localhost|127\\.0\\.0\\.1):\\d+(/[^\\s'\"`)>?#]*)?");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?\\w+}?");

    /** A request that a curl command of the docs makes to this app: where it is written, its method and path. */
    public record CurlRequest(Path file, int line, String method, String path) {

        @Override
        public String toString() {
            return file + " line " + line + ": " + method + " " + path;
        }
    }

    /** One command as written (continuation lines joined), where it is, and what it prints. */
    public record Command(int line, String text, List<String> prints) {

        /** The request it makes to the app: its path and query, as written. */
        public String target() {
            Matcher url = URL.matcher(text);
            return url.find() ? url.group(1) : null;
        }

        /** Its value for a curl option that takes one ({@code -H}, {@code -d}, {@code -X}), each time it is given. */
        public List<String> option(String name) {
            List<String> values = new ArrayList<>();
            List<String> words = words(text);
            for (int i = 0; i < words.size() - 1; i++) {
                if (words.get(i).equals(name)) {
                    values.add(words.get(i + 1));
                }
            }
            return values;
        }
    }

    /** A {@code ```bash} block: its file, its first line and its commands. */
    public record Block(Path file, int line, List<Command> commands) {

        /** Whether a test can run it against a test app: only curl to the dev-mode port, nothing started. */
        public boolean runnable() {
            return commands.stream().allMatch(c -> RUNNABLE.matcher(c.text()).matches()
                    && c.text().contains(DEV_ORIGIN) && !OTHER_PORT.matcher(c.text()).find());
        }
    }

    private DocCommands() {
    }

    /** README.md, then every Markdown file under src/docs, in name order. */
    public static List<Path> files() {
        try (Stream<Path> docs = Files.walk(DOCS)) {
            return Stream.concat(Stream.of(README), docs.filter(f -> f.toString().endsWith(".md")).sorted()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code ```bash} block of every file, in file order. */
    public static List<Block> blocks() {
        return files().stream().flatMap(file -> blocks(file).stream()).toList();
    }

    static List<Block> blocks(Path file) {
        List<String> lines = read(file);
        List<Block> blocks = new ArrayList<>();
        List<Command> commands = null;
        int blockLine = 0;
        StringBuilder pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (commands == null) {
                if (line.strip().equals("```bash")) {
                    commands = new ArrayList<>();
                    blockLine = i + 1;
                }
                continue;
            }
            if (line.strip().equals("```")) {
                blocks.add(new Block(file, blockLine, List.copyOf(commands)));
                commands = null;
                continue;
            }
            if (pending == null) {
                if (line.isBlank() || line.strip().startsWith("#")) {
                    continue;
                }
                pending = new StringBuilder();
                pendingLine = i + 1;
            }
            String code = withoutComment(line);
            if (code.endsWith("\\")) {
                pending.append(code, 0, code.length() - 1).append(' ');
                continue;
            }
            pending.append(code);
            commands.add(new Command(pendingLine, pending.toString().strip(), prints(comment(line))));
            pending = null;
        }
        return blocks;
    }

    /** The docs' commands that run a {@code /demo} scenario, by scenario key ("retry", "auth/session"). */
    public static Map<String, List<Command>> demoRuns() {
        Map<String, List<Command>> runs = new LinkedHashMap<>();
        for (Block block : blocks()) {
            for (Command command : block.commands()) {
                String target = command.target();
                if (target != null && target.startsWith("/demo/")) {
                    String key = target.substring("/demo/".length()).split("\\?")[0];
                    runs.computeIfAbsent(key, k -> new ArrayList<>()).add(command);
                }
            }
        }
        return runs;
    }

    /**
     * Every curl command of the docs that names this app (localhost or 127.0.0.1, any port): those in bash blocks,
     * continuation lines joined, and those in the prose. Shell variables in a path read as "x".
     */
    public static List<CurlRequest> curlRequests() {
        List<CurlRequest> requests = new ArrayList<>();
        for (Path file : files()) {
            blocks(file).forEach(block -> block.commands()
                    .forEach(command -> requests.addAll(curls(file, command.line(), command.text()))));
            List<String> lines = read(file);
            boolean inBlock = false;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("```")) {
                    inBlock = !inBlock;
                } else if (!inBlock) {
                    requests.addAll(curls(file, i + 1, lines.get(i)));
                }
            }
        }
        return requests;
    }

    /** Each curl of a command or a line of prose (up to the next curl or the end of its code span). */
    static List<CurlRequest> curls(Path file, int line, String text) {
        List<CurlRequest> requests = new ArrayList<>();
        String[] parts = text.split("(?<![\\w-])curl ");
        for (int i = 1; i < parts.length; i++) {
            String curl = parts[i].contains("`") ? parts[i].substring(0, parts[i].indexOf('`')) : parts[i];
            String method = method(words(curl));
            Matcher url = APP_URL.matcher(curl);
            while (url.find()) {
                String path = url.group(1) == null ? "/" : VARIABLE.matcher(url.group(1)).replaceAll("x");
                requests.add(new CurlRequest(file, line, method, path.replaceAll("[.,;:]+$", "")));
            }
        }
        return requests;
    }

    /** curl's method: -X's value, POST with a body, HEAD with -I, else GET. */
    private static String method(List<String> words) {
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if ((word.equals("-X") || word.equals("--request")) && i + 1 < words.size()) {
                return words.get(i + 1);
            }
        }
        if (words.stream().anyMatch(w -> w.equals("-d") || w.startsWith("--data") || w.equals("--json"))) {
            return "POST";
        }
        return words.stream().anyMatch(w -> w.equals("-I") || w.equals("--head")) ? "HEAD" : "GET";
    }

    private static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> prints(String comment) {
        if (comment == null || !comment.startsWith("→")) {
            return List.of();
        }
        List<String> fragments = new ArrayList<>();
        for (String fragment : comment.substring(1).split("…")) {
            if (!fragment.isBlank()) {
                fragments.add(fragment.strip());
            }
        }
        return fragments;
    }

    /** The line up to a {@code #} that starts a comment (outside quotes, after a space). */
    private static String withoutComment(String line) {
        int at = commentStart(line);
        return (at < 0 ? line : line.substring(0, at)).stripTrailing();
    }

    private static String comment(String line) {
        int at = commentStart(line);
        return at < 0 ? null : line.substring(at + 1).strip();
    }

    private static int commentStart(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    /** Shell words: single and double quotes grouped and removed, no expansion. */
    static List<String> words(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }
}
