package io.grpclab.transcoding;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A {@code google.api.http} path template (google/api/http.proto): literal segments, {@code *} (one segment),
 * {@code **} (the rest, last only), variables {@code {field.path}} (one segment) and {@code {field.path=segments}},
 * and a trailing {@code :verb}. Matching a request path gives each variable's value, percent-decoded; a one-segment
 * value may not contain {@code /} even encoded, as the grammar says. Hand-written: protobuf and grpc-java parse no
 * templates, and this grammar is small.
 */
final class PathTemplate {

    private static final Pattern FIELD_PATH = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9\\-._~%!$&'()+,;=@]+");

    /** One path segment of the template; {@code variable} names the field a segment binds to, or null. */
    private record Segment(String literal, boolean any, boolean rest, String variable) {
    }

    private final String text;
    private final List<Segment> segments;
    private final String verb;

    private PathTemplate(String text, List<Segment> segments, String verb) {
        this.text = text;
        this.segments = segments;
        this.verb = verb;
    }

    /** @throws IllegalArgumentException naming what is wrong with the template */
    public static PathTemplate parse(String template) {
        if (template == null || !template.startsWith("/")) {
            throw new IllegalArgumentException("a path template starts with /: " + template);
        }
        String path = template.substring(1);
        String verb = null;
        int lastSlash = path.lastIndexOf('/');
        int colon = path.indexOf(':', Math.max(lastSlash, path.lastIndexOf('}')));
        if (colon >= 0) {
            verb = path.substring(colon + 1);
            path = path.substring(0, colon);
            if (!LITERAL.matcher(verb).matches()) {
                throw new IllegalArgumentException("the verb of " + template + " is not a literal");
            }
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : split(path, template)) {
            if (part.startsWith("{")) {
                if (!part.endsWith("}")) {
                    throw new IllegalArgumentException("an unclosed variable in " + template);
                }
                variable(part.substring(1, part.length() - 1), template, segments);
            } else {
                segments.add(plain(part, template, null));
            }
        }
        for (int i = 0; i < segments.size() - 1; i++) {
            if (segments.get(i).rest()) {
                throw new IllegalArgumentException("** may only be the last segment of " + template);
            }
        }
        return new PathTemplate(template, List.copyOf(segments), verb);
    }

    /** The variables' values when the path matches, in template order; null when it does not. */
    public Map<String, String> match(String requestPath) {
        if (requestPath == null || !requestPath.startsWith("/")) {
            return null;
        }
        String path = requestPath.substring(1);
        if (verb != null) {
            if (!path.endsWith(":" + verb)) {
                return null;
            }
            path = path.substring(0, path.length() - verb.length() - 1);
        }
        String[] parts = path.isEmpty() ? new String[0] : path.split("/", -1);
        Map<String, String> values = new LinkedHashMap<>();
        int at = 0;
        for (int s = 0; s < segments.size(); s++) {
            Segment segment = segments.get(s);
            if (segment.rest()) {
                int keep = segments.size() - s - 1; // ** is last: nothing after it
                if (parts.length - at < keep) {
                    return null;
                }
                StringBuilder rest = new StringBuilder();
                for (int i = at; i < parts.length; i++) {
                    String value = decode(parts[i]);
                    if (value == null) {
                        return null;
                    }
                    rest.append(i > at ? "/" : "").append(value);
                }
                bind(values, segment.variable(), rest.toString());
                at = parts.length;
                continue;
            }
            if (at >= parts.length || parts[at].isEmpty()) {
                return null;
            }
            String part = parts[at++];
            if (segment.literal() != null && !segment.literal().equals(part)) {
                return null;
            }
            if (segment.variable() != null) {
                String value = decode(part);
                if (value == null || value.contains("/")) {
                    return null;
                }
                bind(values, segment.variable(), value);
            }
        }
        return at == parts.length ? values : null;
    }

    /** Whether the template ends in {@code :verb}; such a route is tried before those without (see Transcoder). */
    public boolean hasVerb() {
        return verb != null;
    }

    /** The variables' field paths, in template order. */
    public List<String> variables() {
        return segments.stream().map(Segment::variable).filter(Objects::nonNull).distinct().toList();
    }

    @Override
    public String toString() {
        return text;
    }

    private static void variable(String inside, String template, List<Segment> segments) {
        int equals = inside.indexOf('=');
        String field = equals < 0 ? inside : inside.substring(0, equals);
        if (!FIELD_PATH.matcher(field).matches()) {
            throw new IllegalArgumentException("'" + field + "' is not a field path, in " + template);
        }
        if (equals < 0) {
            segments.add(new Segment(null, true, false, field));
            return;
        }
        for (String part : inside.substring(equals + 1).split("/", -1)) {
            segments.add(plain(part, template, field));
        }
    }

    private static Segment plain(String part, String template, String variable) {
        return switch (part) {
            case "*" -> new Segment(null, true, false, variable);
            case "**" -> new Segment(null, false, true, variable);
            default -> {
                if (!LITERAL.matcher(part).matches()) {
                    throw new IllegalArgumentException("'" + part + "' is not a path segment, in " + template);
                }
                yield new Segment(part, false, false, variable);
            }
        };
    }

    /** Segments split at slashes outside braces. */
    private static List<String> split(String path, String template) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == '/' && depth == 0) {
                parts.add(path.substring(start, i));
                start = i + 1;
            }
            if (depth < 0 || depth > 1) {
                throw new IllegalArgumentException("unbalanced braces in " + template);
            }
        }
        parts.add(path.substring(start));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("an empty segment in " + template);
        }
        return parts;
    }

    /** A variable spanning several segments ({@code {name=shelves/*}}) gets them joined by slashes. */
    private static void bind(Map<String, String> values, String variable, String value) {
        if (variable == null) {
            return;
        }
        values.merge(variable, value, (before, added) -> before + "/" + added);
    }

    private static String decode(String part) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
