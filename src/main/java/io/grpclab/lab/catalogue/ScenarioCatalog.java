package io.grpclab.lab.catalogue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.RequestBody;

import io.grpclab.edge.ApiDocs;
import io.grpclab.grpc.FailureCode;
import io.grpclab.grpc.StatusCodes;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The {@code /demo/*} scenarios as the OpenAPI document describes them, so that a scenario's parameters, bounds and
 * defaults are written once, in its resource's annotations, and {@code GET /demo} cannot drift from Swagger UI.
 * SmallRye runs this filter when it prepares the document at start-up; where {@code /demo} is off, the filter
 * takes its paths out of the document too.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class ScenarioCatalog implements OASFilter {

    /** The operation extension that says, in one sentence, what a scenario teaches. */
    public static final String TEACHES = "x-teaches";
    /**
     * The operation extension with two or three runs worth trying next: [{"label": ..., "query": ...}], with
     * "scenario": "keepalive/silent-peer" for a run of another scenario.
     */
    public static final String TRY_NEXT = "x-try-next";

    /**
     * The path through the lessons, by the first segment of a scenario's path: each lesson builds on the ones before
     * (a deadline before what keeps connections alive, both before retries, the network failing under them, then
     * security and the configuration that ties it together). A scenario of another lesson comes last.
     */
    static final List<String> LESSONS = List.of("deadline", "keepalive", "metadata", "retry", "hedging",
            "bad-network", "fault-tolerance", "tls", "auth", "config");

    private static volatile List<Scenario> scenarios = List.of();

    /** The scenarios in lesson order, then by path; empty until the document is prepared. */
    public static List<Scenario> scenarios() {
        return scenarios;
    }

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        List<Scenario> found = new ArrayList<>();
        boolean enabled = ConfigProvider.getConfig().getOptionalValue(ScenarioConfig.SWITCH, Boolean.class).orElse(false);
        if (openAPI.getPaths() != null && !enabled) {
            List.copyOf(openAPI.getPaths().getPathItems().keySet()).stream().filter(ScenarioSwitch::isScenario)
                    .forEach(openAPI.getPaths()::removePathItem);
        } else if (openAPI.getPaths() != null) {
            openAPI.getPaths().getPathItems().forEach((path, item) -> {
                if (path.startsWith("/demo/")) {
                    item.getOperations().forEach((method, operation) -> {
                        // a scenario is tagged so; other /demo operations (the fault proxy's controls) run nothing
                        if (operation.getTags() != null && operation.getTags().contains(ApiDocs.DEMO_TAG)) {
                            found.add(scenario(method.name(), path, operation, schemas(openAPI)));
                        }
                    });
                }
            });
        }
        found.sort(Comparator.comparingInt(Scenario::lesson).thenComparing(Scenario::path));
        scenarios = List.copyOf(found);
        failureCodesOnly(schemas(openAPI).get("Code"));
    }

    /**
     * grpc-java's Status.Code appears only as the failure codes the scenarios inject, which {@link FailureCode}
     * refuses as OK: the schema offers what the parameter accepts (a form built from it then has no OK to pick).
     */
    private static void failureCodesOnly(Schema code) {
        if (code != null && code.getEnumeration() != null) {
            code.setEnumeration(code.getEnumeration().stream().filter(v -> !"OK".equals(v)).toList());
            code.setDescription(StatusCodes.FAILURE_RULE);
        }
    }

    private static Map<String, Schema> schemas(OpenAPI openAPI) {
        return openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null ? Map.of()
                : openAPI.getComponents().getSchemas();
    }

    private static Scenario scenario(String method, String path, Operation operation, Map<String, Schema> schemas) {
        List<Scenario.Parameter> parameters = operation.getParameters() == null ? List.of()
                : operation.getParameters().stream().map(p -> new Scenario.Parameter(p.getName(),
                        p.getIn() == null ? null : p.getIn().toString().toLowerCase(Locale.ROOT), bounds(p.getSchema()),
                        p.getSchema() == null || p.getSchema().getDefaultValue() == null ? null
                                : String.valueOf(p.getSchema().getDefaultValue()),
                        p.getDescription())).toList();
        Object teaches = operation.getExtensions() == null ? null : operation.getExtensions().get(TEACHES);
        return new Scenario(method, path, lesson(path), operation.getSummary(),
                teaches == null ? null : teaches.toString(), operation.getDescription(), parameters,
                body(operation.getRequestBody(), schemas), tryNext(operation));
    }

    private static List<Scenario.Preset> tryNext(Operation operation) {
        Object presets = operation.getExtensions() == null ? null : operation.getExtensions().get(TRY_NEXT);
        if (!(presets instanceof List<?> list)) {
            return List.of();
        }
        return list.stream().filter(Map.class::isInstance).map(Map.class::cast)
                .map(preset -> new Scenario.Preset(String.valueOf(preset.get("label")),
                        String.valueOf(preset.getOrDefault("query", "")),
                        preset.get("scenario") == null ? null : String.valueOf(preset.get("scenario"))))
                .toList();
    }

    private static int lesson(String path) {
        String first = path.substring("/demo/".length()).split("/")[0];
        int index = LESSONS.indexOf(first);
        return index < 0 ? LESSONS.size() + 1 : index + 1;
    }

    private static String bounds(Schema schema) {
        if (schema == null) {
            return null;
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().isEmpty()) {
            return schema.getEnumeration().stream().map(String::valueOf).collect(Collectors.joining(" | "));
        }
        if (schema.getType() != null && schema.getType().contains(Schema.SchemaType.BOOLEAN)) {
            return "true | false";
        }
        BigDecimal min = schema.getMinimum();
        BigDecimal max = schema.getMaximum();
        if (min != null || max != null) {
            return (min == null ? "" : min.toPlainString()) + ".." + (max == null ? "" : max.toPlainString());
        }
        return null;
    }

    /** The request body's description and, for JSON, what its schema says: its description, or its fields' bounds. */
    private static String body(RequestBody body, Map<String, Schema> schemas) {
        if (body == null) {
            return null;
        }
        Map<String, MediaType> content = body.getContent() == null ? Map.of() : body.getContent().getMediaTypes();
        MediaType json = content.get("application/json");
        Schema schema = json == null ? null : json.getSchema();
        if (schema != null && schema.getRef() != null) {
            schema = schemas.get(schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1));
        }
        String says = schema == null ? null
                : schema.getDescription() != null ? schema.getDescription() : fields(schema);
        return says == null ? body.getDescription() : body.getDescription() + " (" + says + ")";
    }

    /** "username: 1..64 characters; password: ..128 characters", from the string fields' length bounds. */
    private static String fields(Schema schema) {
        if (schema.getProperties() == null) {
            return null;
        }
        String fields = schema.getProperties().entrySet().stream()
                .filter(e -> e.getValue().getMinLength() != null || e.getValue().getMaxLength() != null)
                .map(e -> e.getKey() + ": " + (e.getValue().getMinLength() == null ? "" : e.getValue().getMinLength())
                        + ".." + (e.getValue().getMaxLength() == null ? "" : e.getValue().getMaxLength())
                        + " characters")
                .collect(Collectors.joining("; "));
        return fields.isEmpty() ? null : fields;
    }
}
