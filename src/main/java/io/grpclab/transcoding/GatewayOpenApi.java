package io.grpclab.transcoding;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import com.google.protobuf.Descriptors;

import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.Problem;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * The gateway's routes in {@code /q/openapi} (and Swagger UI), built from the same bindings the {@link Transcoder}
 * serves: one operation per HTTP rule, its path and query parameters and body from the request message, its answer from
 * the response message, schemas from the descriptors in their proto3 JSON form ({@link ProtoJsonSchemas}), the protos'
 * comments as descriptions. Run per request of the document: the rules (rule files are runtime configuration) are known
 * once the app runs, and the document is asked for rarely.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.RUNTIME_PER_REQUEST)
public class GatewayOpenApi implements OASFilter {

    private static final Pattern VARIABLE_PATTERN = Pattern.compile("\\{([^=}]+)=[^}]*}");
    static final String PROBLEM_SCHEMA = "GatewayProblem";
    /** The failures every route may answer, besides the default. */
    private static final Map<String, String> FAILURES = Map.ofEntries(
            Map.entry("400", "a field, parameter or header that does not fit (named), or INVALID_ARGUMENT, "
                    + "FAILED_PRECONDITION, OUT_OF_RANGE"),
            Map.entry("401", "UNAUTHENTICATED; WWW-Authenticate names the schemes"),
            Map.entry("403", "PERMISSION_DENIED"),
            Map.entry("404", "NOT_FOUND"),
            Map.entry("405", "another HTTP method than the route's; Allow lists those it answers"),
            Map.entry("413", "a body over quarkus.http.limits.max-body-size"),
            Map.entry("415", "a body that is not application/json"),
            Map.entry("429", "RESOURCE_EXHAUSTED"),
            Map.entry("431", "the Grpc-Metadata-* headers exceed lab.gateway.max-metadata-size"),
            Map.entry("503", "UNAVAILABLE after the retries; Retry-After when the server pushed back"),
            Map.entry("504", "DEADLINE_EXCEEDED"));

    @Override
    public void filterOpenAPI(OpenAPI openApi) {
        ArcContainer container = Arc.container();
        if (container == null) {
            return; // SmallRye also runs the filter at build time, where there are no routes yet
        }
        List<HttpBinding> bindings = container.instance(Transcoder.class).get().bindings();
        if (bindings.isEmpty()) {
            return;
        }
        if (openApi.getComponents() == null) {
            openApi.setComponents(OASFactory.createComponents());
        }
        addProblemSchema(openApi.getComponents());
        Map<String, Map<String, String>> comments = new HashMap<>();
        ProtoJsonSchemas schemas = new ProtoJsonSchemas(openApi.getComponents(), file -> comments.computeIfAbsent(
                file.getName(), name -> ProtoComments.of(GatewayOpenApi.class.getClassLoader(), name)));
        if (openApi.getPaths() == null) {
            openApi.setPaths(OASFactory.createPaths());
        }
        Map<String, Integer> seen = new HashMap<>();
        for (HttpBinding binding : bindings) {
            // a method's additional bindings are operations of their own, each with its own id
            int index = seen.merge(binding.method().getFullName(), 1, Integer::sum);
            String operationId = binding.method().getFullName() + (index == 1 ? "" : "_" + index);
            String path = VARIABLE_PATTERN.matcher(binding.path().toString()).replaceAll("{$1}");
            PathItem item = openApi.getPaths().getPathItem(path);
            if (item == null) {
                item = OASFactory.createPathItem();
                openApi.getPaths().addPathItem(path, item);
            }
            item.setOperation(PathItem.HttpMethod.valueOf(binding.httpMethod()),
                    operation(binding, operationId, schemas));
        }
    }

    private static Operation operation(HttpBinding binding, String operationId, ProtoJsonSchemas schemas) {
        Descriptors.MethodDescriptor method = binding.method();
        String comment = schemas.comment(method.getFile(), method.getFullName());
        Operation operation = OASFactory.createOperation()
                .operationId(operationId)
                .summary(method.getService().getName() + "." + method.getName())
                .description((comment == null ? "" : comment + "\n\n") + ApiDocs.DEADLINE_HEADERS)
                .addTag(ApiDocs.GATEWAY_TAG)
                .responses(responses(binding, schemas));
        Descriptors.Descriptor input = method.getInputType();
        for (String variable : binding.path().variables()) {
            operation.addParameter(parameter(variable, Parameter.In.PATH, schemas.field(input, variable))
                    .required(true));
        }
        if (!binding.body().equals("*")) {
            schemas.queryParameters(input, binding)
                    .forEach((name, schema) -> operation.addParameter(parameter(name, Parameter.In.QUERY, schema)));
        }
        if (!binding.body().isEmpty()) {
            Schema body = binding.body().equals("*") ? schemas.message(input) : schemas.field(input, binding.body());
            operation.requestBody(OASFactory.createRequestBody().required(true).content(OASFactory.createContent()
                    .addMediaType("application/json", OASFactory.createMediaType().schema(body))));
        }
        operation.addParameter(OASFactory.createParameter().name("X-Request-Timeout").in(Parameter.In.HEADER)
                .description("the deadline in ms").schema(OASFactory.createSchema()
                        .addType(Schema.SchemaType.INTEGER).minimum(BigDecimal.ONE)
                        .maximum(BigDecimal.valueOf(60_000))));
        operation.addParameter(OASFactory.createParameter().name("grpc-timeout").in(Parameter.In.HEADER)
                .description("the deadline in gRPC's format, e.g. 500m")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        // the credentials the gateway forwards as metadata (over HTTPS only, unless the lab allows plain HTTP)
        operation.addParameter(OASFactory.createParameter().name("Authorization").in(Parameter.In.HEADER)
                .description("Basic base64(user:password) or Bearer <jwt>, forwarded as authorization")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        operation.addParameter(OASFactory.createParameter().name("X-Session-Id").in(Parameter.In.HEADER)
                .description("a session id from POST /v1/sessions, forwarded as x-session-id")
                .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        return operation;
    }

    private static Parameter parameter(String name, Parameter.In in, Schema schema) {
        return OASFactory.createParameter().name(name).in(in).description(schema.getDescription()).schema(schema);
    }

    private static APIResponses responses(HttpBinding binding, ProtoJsonSchemas schemas) {
        Descriptors.Descriptor output = binding.method().getOutputType();
        Schema answer = binding.responseBody().isEmpty() ? schemas.message(output)
                : schemas.field(output, binding.responseBody());
        APIResponses responses = OASFactory.createAPIResponses()
                .addAPIResponse("200", OASFactory.createAPIResponse().description("the answer, in proto3 JSON")
                        .content(OASFactory.createContent().addMediaType("application/json",
                                OASFactory.createMediaType().schema(answer))));
        Map<String, String> failures = new TreeMap<>(FAILURES);
        if (binding.streaming()) {
            failures.put("501", "a streaming method: the gateway transcodes unary methods only");
        }
        failures.forEach((status, description) -> responses.addAPIResponse(status, problem(description)));
        return responses.defaultValue(problem("another gRPC status, mapped as google.rpc does (409, 499, 500, 501)"));
    }

    private static APIResponse problem(String description) {
        return OASFactory.createAPIResponse().description(description).content(OASFactory.createContent()
                .addMediaType(ApiDocs.PROBLEM_JSON, OASFactory.createMediaType()
                        .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA))));
    }

    /** Problem, plus the call's google.rpc details: written once into the components. */
    private static void addProblemSchema(Components components) {
        components.addSchema(PROBLEM_SCHEMA, OASFactory.createSchema()
                .description("A problem (RFC 9457) with the failed call's google.rpc details, when it carried some")
                .addAllOf(OASFactory.createSchema().ref(Problem.class.getSimpleName()))
                .addAllOf(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT).addProperty("details",
                        OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                                .description("google.rpc details (BadRequest, RetryInfo, ErrorInfo, ...) in proto3 "
                                        + "JSON, each with its @type; DebugInfo is never sent")
                                .items(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)))));
    }
}
