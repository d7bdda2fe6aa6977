package io.grpclab.transcoding;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.google.api.AnnotationsProto;
import com.google.api.CustomHttpPattern;
import com.google.api.Http;
import com.google.api.HttpRule;
import com.google.protobuf.Descriptors;
import com.google.protobuf.util.JsonFormat;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The HTTP bindings of gRPC methods, from {@code google.api.http} options in the protos and from a rule file
 * ({@code google.api.Http} in YAML: {@code http: rules: [...]}, the shape grpc-gateway and Google's API configs use);
 * a method's option wins over a file rule with the same selector. A method with no rule has no route. Every rule is
 * checked against the descriptors, so a typo stops the app naming the rule, instead of a route answering 404.
 * <p>
 * JsonFormat fills a {@code google.api.Http} through the generated accessors of each message and builder it holds,
 * which protobuf finds by reflection. Their jar is not indexed, so Quarkus's gRPC extension (which registers the app's
 * own messages) does not register them for a native image: these six are (NativeImageReflectionTests).
 */
@RegisterForReflection(ignoreNested = true, targets = { Http.class, Http.Builder.class, HttpRule.class,
        HttpRule.Builder.class, CustomHttpPattern.class, CustomHttpPattern.Builder.class })
public final class HttpRules {

    private HttpRules() {
    }

    /** The rules of a rule file; an empty list when there is none. */
    public static List<HttpRule> read(InputStream yaml, String name) {
        if (yaml == null) {
            return List.of();
        }
        try (yaml) {
            JsonNode http = new ObjectMapper(new YAMLFactory()).readTree(yaml).path("http");
            Http.Builder rules = Http.newBuilder();
            JsonFormat.parser().merge(http.isMissingNode() ? "{}" : http.toString(), rules);
            return rules.getRulesList();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("the HTTP rule file " + name + " is not a google.api.Http in YAML: "
                    + e.getMessage(), e);
        }
    }

    /** The bindings of these services' methods, in the order of their rules (options first, then the file). */
    public static List<HttpBinding> bindings(List<Descriptors.ServiceDescriptor> services, List<HttpRule> fileRules) {
        Map<String, Descriptors.MethodDescriptor> methods = new HashMap<>();
        for (Descriptors.ServiceDescriptor service : services) {
            for (Descriptors.MethodDescriptor method : service.getMethods()) {
                methods.put(method.getFullName(), method);
            }
        }
        Map<String, HttpRule> rules = new LinkedHashMap<>();
        for (HttpRule rule : fileRules) {
            if (!methods.containsKey(rule.getSelector())) {
                throw new IllegalArgumentException("the HTTP rule for '" + rule.getSelector() + "' names no method of "
                        + "the gRPC services (" + String.join(", ", methods.keySet().stream().sorted().toList()) + ")");
            }
            rules.put(rule.getSelector(), rule);
        }
        for (Descriptors.MethodDescriptor method : methods.values()) {
            optionRule(method).ifPresent(rule -> rules.put(method.getFullName(), rule));
        }
        List<HttpBinding> bindings = new ArrayList<>();
        rules.forEach((selector, rule) -> {
            Descriptors.MethodDescriptor method = methods.get(selector);
            bindings.add(binding(rule, method));
            for (HttpRule additional : rule.getAdditionalBindingsList()) {
                bindings.add(binding(additional, method));
            }
        });
        return List.copyOf(bindings);
    }

    private static Optional<HttpRule> optionRule(Descriptors.MethodDescriptor method) {
        return method.getOptions().hasExtension(AnnotationsProto.http)
                ? Optional.of(method.getOptions().getExtension(AnnotationsProto.http))
                : Optional.empty();
    }

    private static HttpBinding binding(HttpRule rule, Descriptors.MethodDescriptor method) {
        String where = "the HTTP rule of " + method.getFullName();
        String verb;
        String template;
        switch (rule.getPatternCase()) {
            case GET -> {
                verb = "GET";
                template = rule.getGet();
            }
            case PUT -> {
                verb = "PUT";
                template = rule.getPut();
            }
            case POST -> {
                verb = "POST";
                template = rule.getPost();
            }
            case DELETE -> {
                verb = "DELETE";
                template = rule.getDelete();
            }
            case PATCH -> {
                verb = "PATCH";
                template = rule.getPatch();
            }
            case CUSTOM -> {
                verb = rule.getCustom().getKind();
                template = rule.getCustom().getPath();
            }
            default -> throw new IllegalArgumentException(where + " has no HTTP method and path");
        }
        PathTemplate path;
        try {
            path = PathTemplate.parse(template);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
        for (String variable : path.variables()) {
            FieldPaths.resolve(method.getInputType(), variable, where + ", path variable");
        }
        if (!rule.getBody().isEmpty() && !rule.getBody().equals("*")) {
            FieldPaths.resolve(method.getInputType(), rule.getBody(), where + ", body");
        }
        if (!rule.getResponseBody().isEmpty()) {
            FieldPaths.resolve(method.getOutputType(), rule.getResponseBody(), where + ", response_body");
        }
        return new HttpBinding(verb, path, rule.getBody(), rule.getResponseBody(), method);
    }
}
