package io.grpclab.transcoding;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The leading {@code //} comments of a .proto file's services, methods, messages, fields, enums and values, by full
 * name ({@code lab.auth.v1.AuthService.CreateSession}, {@code lab.auth.v1.Credentials.username}), for the OpenAPI
 * descriptions. Read from the .proto sources the build puts on the class path, by hand: the descriptors compiled
 * into the generated classes carry no comments (Quarkus runs protoc without {@code --include_source_info}), and
 * protobuf-java has no .proto parser. It reads the declarations protoc's style guide writes one per line; a comment it
 * cannot place is simply not shown.
 */
final class ProtoComments {

    private static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+)\\s*;");
    private static final Pattern SCOPE = Pattern.compile("^(message|enum|service|oneof)\\s+(\\w+)\\s*\\{");
    private static final Pattern RPC = Pattern.compile("^rpc\\s+(\\w+)\\s*\\(");
    private static final Pattern FIELD = Pattern.compile(
            "^(?:repeated\\s+|optional\\s+)?(?:map\\s*<[^>]+>|[\\w.]+)\\s+(\\w+)\\s*=\\s*\\d+");
    private static final Pattern ENUM_VALUE = Pattern.compile("^(\\w+)\\s*=\\s*-?\\d+");

    /** One open brace: the full name it opened, and what it is ({@code message}, ...; empty for an option or body). */
    private record Scope(String fullName, String kind) {
    }

    private ProtoComments() {
    }

    /** The comments of the file at {@code path} on the class path; empty when it is not there. */
    static Map<String, String> of(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(path)) {
            return in == null ? Map.of() : parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Map.of();
        }
    }

    static Map<String, String> parse(String proto) {
        Map<String, String> comments = new HashMap<>();
        Deque<Scope> scopes = new ArrayDeque<>();
        String packageName = "";
        List<String> pending = new ArrayList<>();
        for (String raw : proto.split("\n", -1)) {
            String line = raw.trim();
            if (line.startsWith("//")) {
                pending.add(line.substring(2).trim());
                continue;
            }
            String code = withoutTrailingComment(line);
            Matcher matcher;
            String declared = null;
            String kind = "";
            Scope enclosing = named(scopes);
            String prefix = enclosing == null ? packageName : enclosing.fullName();
            if ((matcher = PACKAGE.matcher(code)).find()) {
                packageName = matcher.group(1);
            } else if ((matcher = SCOPE.matcher(code)).find()) {
                kind = matcher.group(1);
                // a oneof's fields belong to its message
                declared = kind.equals("oneof") ? null : join(prefix, matcher.group(2));
            } else if (enclosing != null && enclosing.kind().equals("service")
                    && (matcher = RPC.matcher(code)).find()) {
                declared = join(prefix, matcher.group(1));
            } else if (enclosing != null && enclosing.kind().equals("message")
                    && (matcher = FIELD.matcher(code)).find()) {
                declared = join(prefix, matcher.group(1));
            } else if (enclosing != null && enclosing.kind().equals("enum")
                    && (matcher = ENUM_VALUE.matcher(code)).find()) {
                declared = join(prefix, matcher.group(1));
            }
            if (declared != null && !pending.isEmpty()) {
                comments.put(declared, String.join("\n", pending));
            }
            pending.clear(); // a blank line or any other line detaches the comments above it
            track(scopes, code, declared, kind);
        }
        return comments;
    }

    /** Opens and closes the line's braces; the first brace a message, enum or service line opens is named. */
    private static void track(Deque<Scope> scopes, String code, String declared, String kind) {
        boolean named = declared != null && !kind.isEmpty();
        for (int i = 0; i < code.length(); i++) {
            char c = code.charAt(i);
            if (c == '"' || c == '\'') {
                int close = code.indexOf(c, i + 1);
                i = close < 0 ? code.length() : close;
            } else if (c == '{') {
                scopes.push(named ? new Scope(declared, kind) : new Scope(null, ""));
                named = false;
            } else if (c == '}' && !scopes.isEmpty()) {
                scopes.pop();
            }
        }
    }

    /** The innermost message, enum or service around the line (a oneof, an option or an rpc body is not one). */
    private static Scope named(Deque<Scope> scopes) {
        Scope top = scopes.peek();
        if (top == null || top.fullName() != null) {
            return top;
        }
        for (Scope scope : scopes) { // innermost first
            if (scope.fullName() != null) {
                return scope.kind().equals("service") ? null : scope;
            }
        }
        return null;
    }

    private static String withoutTrailingComment(String line) {
        int comment = line.indexOf("//");
        return comment < 0 || line.lastIndexOf('"', comment) >= 0 ? line : line.substring(0, comment).trim();
    }

    private static String join(String prefix, String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }
}
