package io.grpclab.transcoding;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;

import io.grpc.BindableService;
import io.grpc.MethodDescriptor;
import io.grpclab.grpc.ServiceDescriptors;

/**
 * The gateway's routes: one per HTTP rule of a method this app serves (from the proto options and the rule files),
 * each with the method to call for it, tried in order.
 */
final class RouteTable {

    /** A route: the rule's binding and the method to call for it. */
    record Route(HttpBinding binding, MethodDescriptor<DynamicMessage, DynamicMessage> method) {
    }

    /**
     * What a request found: a route and its path variables, or no route and the methods its path answers (empty when
     * no rule has that path).
     */
    record Match(Route route, Map<String, String> values, Set<String> allowed) {
    }

    private static final Match NONE = new Match(null, null, Set.of());

    private final List<Route> routes;

    private RouteTable(List<Route> routes) {
        this.routes = routes;
    }

    static RouteTable of(Iterable<BindableService> services, TranscodingConfig config) {
        List<Descriptors.ServiceDescriptor> descriptors = ServiceDescriptors.of(services);
        List<com.google.api.HttpRule> fileRules = new ArrayList<>();
        for (String file : config.ruleFiles().orElse(List.of())) {
            fileRules.addAll(HttpRules.read(Thread.currentThread().getContextClassLoader().getResourceAsStream(file),
                    file));
        }
        // Routes with a verb first: /v1/sinks/{name} would otherwise take /v1/sinks/n:watch, with name "n:watch".
        return new RouteTable(HttpRules.bindings(descriptors, fileRules).stream()
                .map(b -> new Route(b, ServiceDescriptors.dynamic(b.method())))
                .sorted(Comparator.comparing(route -> !route.binding().path().hasVerb())).toList());
    }

    List<Route> routes() {
        return routes;
    }

    /** The first route whose path and HTTP method match. */
    Match match(String httpMethod, String path) {
        Set<String> allowed = null;
        for (Route candidate : routes) {
            Map<String, String> values = candidate.binding().path().match(path);
            if (values == null) {
                continue;
            }
            if (!candidate.binding().httpMethod().equals(httpMethod)) {
                allowed = allowed == null ? new TreeSet<>() : allowed;
                allowed.add(candidate.binding().httpMethod());
                continue;
            }
            return new Match(candidate, values, Set.of());
        }
        return allowed == null ? NONE : new Match(null, null, allowed);
    }
}
