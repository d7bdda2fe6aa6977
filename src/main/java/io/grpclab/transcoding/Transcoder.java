package io.grpclab.transcoding;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;

import io.grpc.BindableService;
import io.grpc.CallOptions;
import io.grpc.Status;
import io.grpclab.edge.BodyLimit;
import io.grpclab.edge.CredentialTransport;
import io.grpclab.edge.HttpToGrpc;
import io.grpclab.edge.InvalidParameterException;
import io.grpclab.edge.MetadataMapping;
import io.grpclab.edge.MetadataTooLargeException;
import io.grpclab.edge.Problem;
import io.grpclab.edge.ProblemResponses;
import io.grpclab.edge.RequestIdFilter;
import io.grpclab.edge.TrustedHttpProxies;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.CredentialMetadata;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.RequestIds;
import io.grpclab.grpc.UnaryCalls;
import io.grpclab.transcoding.RouteTable.Route;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway driven by the descriptors: every gRPC method with an HTTP rule is a route, its request message built
 * from the path, the query and the body in proto3 JSON ({@link RequestMessages}), called through the lab channel with
 * the gateway's deadline budget, metadata mapping and request id, and answered in proto3 JSON or problem+json (with
 * the call's google.rpc details). A streaming method's route answers 501. A plain Vert.x route: the JAX-RS pipeline
 * is the largest per-request cost of the hand-written resources (see src/docs/benchmark.md).
 */
@Singleton
class Transcoder {

    private static final Logger LOG = Logger.getLogger(Transcoder.class);
    /** The schemes a 401 invites the caller to use (the server's mechanisms that an HTTP caller can present). */
    static final String CHALLENGE = "Basic realm=\"grpc-resilience-lab\", Bearer";
    /**
     * Where Quarkus's HTTP metrics read a request's route template (as RESTEasy sets it), so that {@code /v1/sinks/a}
     * and {@code /v1/sinks/b} count as one {@code uri}: a tag per path would grow without bound.
     */
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    private final RouteTable routes;
    private final ReplyPrinter printer;
    private final RequestMessages requests;
    private final HttpToGrpc gateway;
    private final MetadataMapping mapping;
    private final GatewayChannel lab;
    private final TrustedHttpProxies trustedProxies;
    private final CredentialTransport credentials;
    private final ProblemResponses problems;
    private final BodyLimit bodyLimit;

    Transcoder(@Any Instance<BindableService> services, TranscodingConfig config, HttpToGrpc gateway,
            MetadataMapping mapping, GatewayChannel lab, TrustedHttpProxies trustedProxies, CredentialTransport credentials,
            ProblemResponses problems, BodyLimit bodyLimit, ObjectMapper json) {
        this.routes = RouteTable.of(services, config);
        this.printer = new ReplyPrinter(json);
        this.requests = new RequestMessages(config.ignoreUnknownFields());
        this.gateway = gateway;
        this.mapping = mapping;
        this.lab = lab;
        this.trustedProxies = trustedProxies;
        this.credentials = credentials;
        this.problems = problems;
        this.bodyLimit = bodyLimit;
    }

    /** The routes, in the order they are tried. */
    List<HttpBinding> bindings() {
        return routes.routes().stream().map(Route::binding).toList();
    }

    void install(@Observes Router router) {
        if (routes.routes().isEmpty()) {
            return;
        }
        // Before RESTEasy's routes (ROUTE_ORDER_DEFAULT and after): a path no rule matches goes on to them.
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
        routes.routes().forEach(r -> LOG.debugf("HTTP %s %s -> %s", r.binding().httpMethod(), r.binding().path(),
                r.binding().method().getFullName()));
    }

    private void handle(RoutingContext context) {
        // normalized as RFC 3986 says (an unreserved character percent-encoded is itself, /a/../b is /b): /api/%65cho
        // is /api/echo, as it is to the JAX-RS routes; reserved characters stay encoded until a variable is decoded
        String path = context.normalizedPath();
        RouteTable.Match match = routes.match(context.request().method().name(), path);
        if (match.route() == null && !match.allowed().isEmpty()) {
            String allowed = String.join(", ", match.allowed());
            context.response().putHeader(HttpHeaders.ALLOW, allowed);
            problem(context, 405, "about:blank", "Method Not Allowed", path + " answers " + allowed);
            return;
        }
        if (match.route() == null) {
            context.next();
            return;
        }
        Route matched = match.route();
        Map<String, String> pathValues = match.values();
        ContextLocals.put(URL_PATH_TEMPLATE, matched.binding().path().toString());
        try {
            String id = RequestIdFilter.assign(context.request(), trustedProxies);
            context.response().putHeader(RequestIds.HTTP_HEADER, id);
            context.addEndHandler(ended -> MDC.remove(RequestIds.MDC_KEY));
        } catch (InvalidParameterException e) {
            invalid(context, e.params().get(0).name(), e.params().get(0).reason());
            return;
        }
        if (matched.binding().streaming()) {
            problem(context, 501, "urn:grpclab:problem:streaming-not-supported", "Not Implemented",
                    matched.binding().method().getFullName() + " streams; the gateway transcodes unary methods only");
            return;
        }
        bodyLimit.read(context, body -> call(context, matched, pathValues, body.toString(StandardCharsets.UTF_8)));
    }

    private void call(RoutingContext context, Route route, Map<String, String> pathValues, String body) {
        if (!body.isBlank() && !isJson(context.request().getHeader(HttpHeaders.CONTENT_TYPE))) {
            // a cross-site form may send text/plain without asking first; only JSON is read
            problem(context, 415, "urn:grpclab:problem:unsupported-media-type", "Unsupported Media Type",
                    "send the body as application/json (proto3 JSON)");
            return;
        }
        DynamicMessage request;
        HttpToGrpc.CallSettings settings;
        try {
            request = requests.build(route.binding(), pathValues, query(context), body);
            if (CredentialMetadata.passwordInBody(route.method().getFullMethodName())) {
                credentials.requireHttps(context.request(), "password");
            }
            settings = gateway.callSettings(context.request());
            CredentialTransport.forward(context.request(), settings.metadata());
            mapping.checkSize(settings.metadata()); // the credentials count too: 431 here, not the server's 429
        } catch (InvalidRequestException e) {
            invalid(context, e.field(), e.getMessage());
            return;
        } catch (InvalidParameterException e) {
            invalid(context, e.params().get(0).name(), e.params().get(0).reason());
            return;
        } catch (MetadataTooLargeException e) {
            problem(context, 431, "urn:grpclab:problem:metadata-too-large", "Request metadata too large",
                    e.getMessage());
            return;
        }
        Cancellable call = UnaryCalls.call(lab.channel(), route.method(),
                CallOptions.DEFAULT.withDeadline(settings.deadline()), settings.metadata(), request, result -> result)
                .subscribe().with(result -> answer(context, route, result), context::fail);
        // a caller that left (a reset stream, a dropped connection) leaves no gRPC call running behind it
        context.response().closeHandler(closed -> call.cancel());
    }

    private void answer(RoutingContext context, Route route, CallResult<DynamicMessage> result) {
        HttpServerResponse response = context.response();
        if (response.closed()) {
            return; // no one to answer
        }
        mapping.toHeaders(result.headers(), result.trailers(), response.headers()::add);
        if (!result.ok()) {
            HttpToGrpc.retryAfter(result.trailers())
                    .ifPresent(seconds -> response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds)));
            if (result.status().getCode() == Status.Code.UNAUTHENTICATED) {
                response.putHeader(io.netty.handler.codec.http.HttpHeaderNames.WWW_AUTHENTICATE, CHALLENGE);
            }
            problems.send(context, Problem.ofGrpcStatus(result.status().getCode(), result.safeDescription(),
                    context.request().path()), StatusDetails.asJson(result.status(), result.trailers()));
            return;
        }
        try {
            String printed = printer.print(result.response(), route.binding().responseBody());
            response.setStatusCode(200).putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(printed);
        } catch (InvalidProtocolBufferException e) {
            context.fail(e);
        }
    }

    private void invalid(RoutingContext context, String field, String reason) {
        problems.send(context, Problem.invalid(List.of(new Problem.InvalidParam(field, reason)),
                context.request().path()));
    }

    private void problem(RoutingContext context, int status, String type, String title, String detail) {
        problems.send(context, new Problem(type, title, status, detail, context.request().path(), null, null));
    }

    /** application/json or application/*+json, with any parameters (charset=utf-8). */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
        return type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
    }

    private static Map<String, List<String>> query(RoutingContext context) {
        if (context.request().query() == null) {
            return Map.of(); // most gateway calls: no query string to parse
        }
        Map<String, List<String>> query = new LinkedHashMap<>();
        context.queryParams().forEach(entry -> query.computeIfAbsent(entry.getKey(), k -> new ArrayList<>())
                .add(entry.getValue()));
        return query;
    }
}
