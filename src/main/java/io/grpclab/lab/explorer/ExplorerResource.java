package io.grpclab.lab.explorer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;

import io.grpc.CallOptions;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpclab.echo.EchoConfig;
import io.grpclab.edge.ApiDocs;
import io.grpclab.edge.CredentialTransport;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.edge.InvalidParameterException;
import io.grpclab.edge.MetadataMapping;
import io.grpclab.edge.Problem;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.faults.Faults;
import io.grpclab.grpc.CredentialMetadata;
import io.grpclab.grpc.FailureCode;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.ServiceDescriptors;
import io.grpclab.lab.catalogue.ScenarioConfig;
import io.grpclab.lab.trace.AttemptTrace;
import io.grpclab.retry.ServiceConfigs;
import io.grpclab.transcoding.InvalidRequestException;
import io.grpclab.transcoding.RequestMessages;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;

/**
 * {@code /demo/explorer}: any method of this app's gRPC services, called with a message the learner writes, through
 * the channel of the policy they pick, and answered with the lab's report of it (attempts, metadata both ways, status
 * details, streamed messages as they came). This app's own services, or those of a server configured in
 * {@code lab.explorer.targets}: a request names a target and a method, never an address.
 */
@Path("/demo/explorer")
@Tag(name = ExplorerResource.TAG)
public class ExplorerResource {

    static final String TAG = "explorer";
    static final String TARGET = "[a-z0-9][a-z0-9-]{0,31}";
    static final String TARGET_RULE = "must be a target's name: self, or one of lab.explorer.targets";
    static final String TARGET_DOC = "the server: self (this app's services) or a name of lab.explorer.targets";

    private final ExplorerTargets targets;
    private final ServiceConfigs configs;
    private final HttpToGrpc gateway;
    private final MetadataMapping mapping;
    private final CredentialTransport credentials;
    private final RequestMessages messages = new RequestMessages(false);
    private final GatewayChannel lab;

    ExplorerResource(ExplorerTargets targets, ServiceConfigs configs, HttpToGrpc gateway, MetadataMapping mapping,
            CredentialTransport credentials, GatewayChannel lab) {
        this.credentials = credentials;
        this.targets = targets;
        this.configs = configs;
        this.gateway = gateway;
        this.mapping = mapping;
        this.lab = lab;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The methods the explorer can call", description = "Every method of this app's gRPC "
            + "services, with the shape of each request message (fields by their proto3 JSON names, kinds, enum "
            + "values, nested types), the lab knobs each honours, and the retry and hedging policies offered.")
    public MethodCatalogue.Listing list(
            @QueryParam("target") @DefaultValue(ExplorerConfig.SELF) @Pattern(regexp = TARGET, message = TARGET_RULE) @Parameter(description = TARGET_DOC) String target,
            @Context HttpServerRequest http) {
        Map<String, Object> policies = new LinkedHashMap<>();
        policies.put("none", "a channel without retries or hedging");
        policies.put("retry", configs.retryPolicy());
        policies.put("hedging", configs.hedgingPolicy());
        return catalogue(target, http).listing(target, targets.names(), policies);
    }

    /** The target's methods, or a problem: 404 for a target not configured, 502 when its reflection fails. */
    private MethodCatalogue catalogue(String target, HttpServerRequest http) {
        if (!targets.exists(target)) {
            throw problem(404, "about:blank", "Not Found", "no target " + target + "; the targets are "
                    + targets.names() + " (lab.explorer.targets)", http);
        }
        try {
            return targets.catalogue(target);
        } catch (StatusRuntimeException e) {
            throw problem(502, "urn:grpclab:problem:reflection-failed", "Bad Gateway", "the services of " + target
                    + " could not be read from its reflection service: " + e.getStatus().getCode()
                    + (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED ? " (is reflection on there?)" : ""),
                    http);
        }
    }

    private static WebApplicationException problem(int status, String type, String title, String detail,
            HttpServerRequest http) {
        return new WebApplicationException(Response.status(status).type(Problem.MEDIA_TYPE)
                .entity(new Problem(type, title, status, detail, http.path(), null, null)).build());
    }

    @POST
    @Path("/{service}/{method}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Call any method, with the lab's eyes", description = "Calls the method with the body as its "
            + "request message in proto3 JSON (a JSON array of them for a client-streaming method), the "
            + "Grpc-Metadata-* headers as metadata and Authorization or X-Session-Id as credentials, through a channel "
            + "that retries, hedges or does neither. The report: every attempt, the metadata both ways, the status "
            + "and its details, each response message with when it came.")
    @RequestBody(description = "the request message in proto3 JSON; for a client-streaming method, a JSON array of "
            + "1..100 of them")
    @APIResponse(responseCode = "200", description = ApiDocs.DEMO_REPORT, content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExplorerReport.class)))
    @APIResponse(responseCode = "404", description = "No such method in this app's services", content = @Content(mediaType = ApiDocs.PROBLEM_JSON, schema = @Schema(implementation = Problem.class)))
    public Uni<ExplorerReport> call(
            @PathParam("service") @Size(max = 200) @Parameter(description = "the service's full name", example = "EchoService") String service,
            @PathParam("method") @Size(max = 100) @Parameter(description = "the method's name", example = "Echo") String method,
            @QueryParam("target") @DefaultValue(ExplorerConfig.SELF) @Pattern(regexp = TARGET, message = TARGET_RULE) @Parameter(description = TARGET_DOC) String target,
            @QueryParam("policy") @DefaultValue("retry") @Pattern(regexp = "none|retry|hedging", message = "must be none, retry or hedging") @Parameter(description = "the channel to call through: one that retries (the gateway's), one that hedges, or one that does neither", schema = @Schema(type = SchemaType.STRING, enumeration = {
                    "none", "retry", "hedging" })) String policy,
            @QueryParam("deadlineMs") @DefaultValue("5000") @Min(1) @Max(ScenarioConfig.MAX_DEADLINE_MS) @Parameter(description = "the call's deadline, in ms") int deadlineMs,
            @QueryParam("failAttempts") @Min(0) @Max(Faults.MAX_FAIL_ATTEMPTS) @Parameter(description = "Echo and SayHello: the server fails the first N attempts") Integer failAttempts,
            @QueryParam("failCode") @FailureCode @Parameter(description = "Echo and SayHello: the status of those failures (default UNAVAILABLE)") Status.Code failCode,
            @QueryParam("delayMs") @Min(0) @Max(EchoConfig.MAX_DELAY_MS) @Parameter(description = "Echo: how long the server waits before answering, in ms") Integer delayMs,
            @QueryParam("echoMetadata") @DefaultValue("false") @Parameter(description = "Echo: the server sends back the metadata it received") boolean echoMetadata,
            String body, @Context HttpServerRequest http) {
        MethodCatalogue catalogue = catalogue(target, http);
        Descriptors.MethodDescriptor descriptor = catalogue.find(service, method)
                .orElseThrow(() -> problem(404, "about:blank", "Not Found", "no method " + service + "/" + method
                        + " in the services of " + target + "; GET /demo/explorer?target=" + target + " lists them",
                        http));
        String fullName = MethodCatalogue.fullName(descriptor);
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("target", target);
        parameters.put("policy", policy);
        parameters.put("deadlineMs", deadlineMs);
        Map<String, String> knobs = new LinkedHashMap<>();
        knob(catalogue, fullName, "failAttempts", failAttempts, FaultKnobs.FAIL_ATTEMPTS, knobs, parameters);
        knob(catalogue, fullName, "failCode", failCode, FaultKnobs.FAIL_CODE, knobs, parameters);
        knob(catalogue, fullName, "delayMs", delayMs, FaultKnobs.ECHO_DELAY_MS, knobs, parameters);
        knob(catalogue, fullName, "echoMetadata", echoMetadata ? Boolean.TRUE : null, FaultKnobs.ECHO_METADATA, knobs,
                parameters);

        List<DynamicMessage> requests = requests(descriptor, body);
        if (targets.isSelf(target) && CredentialMetadata.passwordInBody(fullName)) {
            credentials.requireHttps(http, "password"); // as the gateway's own route for it does
        }
        // knobs (and the demo credential that carries them) only ever go to this app's own server
        Metadata headers = knobs.isEmpty() ? gateway.metadata(http) : gateway.demoMetadata(http);
        knobs.forEach((key, value) -> headers.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value));
        if (!targets.isSelf(target) && targets.plainText(target) && (http.getHeader(CredentialTransport.AUTHORIZATION) != null
                || http.getHeader(CredentialTransport.SESSION_ID) != null)) {
            throw new InvalidParameterException(CredentialTransport.AUTHORIZATION, target + " is called without TLS: "
                    + "credentials are never sent to it");
        }
        CredentialTransport.forward(http, headers);
        mapping.checkSize(headers);

        ExplorerChannels.Policy picked = ExplorerChannels.Policy.valueOf(policy.toUpperCase(Locale.ROOT));
        AttemptTrace trace = new AttemptTrace();
        CallOptions options = CallOptions.DEFAULT.withDeadlineAfter(deadlineMs, TimeUnit.MILLISECONDS)
                .withStreamTracerFactory(trace);
        ExplorerReports.Sent sent = ExplorerReports.sent(headers, requests); // before grpc-java adds its own
        return ExplorerCall.run(targets.channel(target, picked), ServiceDescriptors.dynamic(descriptor), options,
                headers, requests)
                .map(result -> ExplorerReports.of(fullName, ServiceDescriptors.type(descriptor).name(), parameters,
                        targets.inForce(target, picked, descriptor.getService().getFullName(), descriptor.getName()),
                        sent,
                        result, trace.attempts(), lab.summary()));
    }

    /** A knob the method honours goes into the metadata; one it does not is refused, naming it. */
    private static void knob(MethodCatalogue catalogue, String method, String name, Object value,
            Metadata.Key<String> key, Map<String, String> knobs, Map<String, Object> parameters) {
        if (value == null) {
            return;
        }
        if (!catalogue.knobs(method).contains(name)) {
            throw new InvalidParameterException(name, method + " does not honour it; the lab's knobs work on "
                    + "this app's EchoService/Echo (all of them) and ExampleService/SayHello (failAttempts, failCode)");
        }
        String text = value instanceof Status.Code code ? code.name() : value.toString();
        knobs.put(key.name(), text);
        parameters.put(name, value instanceof Status.Code ? text : value);
    }

    /** The request messages: the body's one, or for a client-streaming method each of the body's array. */
    private List<DynamicMessage> requests(Descriptors.MethodDescriptor method, String body) {
        JsonNode json = body == null || body.isBlank() ? null : parse(body);
        List<JsonNode> each = new ArrayList<>();
        if (json != null && json.isArray()) {
            if (!method.isClientStreaming()) {
                throw new InvalidParameterException("body", "one message, as a JSON object: "
                        + MethodCatalogue.fullName(method) + " takes one request");
            }
            if (json.isEmpty() || json.size() > ExplorerCall.MAX_MESSAGES) {
                throw new InvalidParameterException("body", "1.." + ExplorerCall.MAX_MESSAGES + " messages");
            }
            json.forEach(each::add);
        } else {
            each.add(json == null ? JsonNodeFactory.instance.objectNode() : json);
        }
        List<DynamicMessage> built = new ArrayList<>();
        for (int i = 0; i < each.size(); i++) {
            try {
                built.add(messages.message(method.getInputType(), each.get(i)));
            } catch (InvalidRequestException e) {
                String at = json != null && json.isArray() ? "body[" + i + "]" : "body";
                throw new InvalidParameterException(e.field().equals("body") ? at : at + "." + e.field(),
                        e.getMessage());
            }
        }
        return built;
    }

    private static JsonNode parse(String body) {
        try {
            return RequestMessages.parse(body);
        } catch (InvalidRequestException e) {
            throw new InvalidParameterException("body", e.getMessage());
        }
    }
}
