package io.grpclab.lab.explorer;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.protobuf.Descriptors;

import io.grpclab.grpc.ServiceDescriptors;

/**
 * Every method of a server's services, from their descriptors, with the shapes of their messages for a form and the
 * lab's fault knobs each one honours.
 */
final class MethodCatalogue {

    /** One method, as the explorer's listing shows it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Method(String name, String fullName, String type, String requestType, String responseType,
            Set<String> knobs) {
    }

    record Service(String name, List<Method> methods) {
    }

    /**
     * What {@code GET /demo/explorer} answers: the target, the targets there are, the services, the messages their
     * forms need, and the policies offered.
     */
    record Listing(String target, List<String> targets, List<Service> services,
            Map<String, MessageShapes.Shape> messages, Map<String, Object> policies) {
    }

    private final Map<String, Descriptors.MethodDescriptor> methods = new LinkedHashMap<>();
    private final Function<String, Set<String>> knobs;
    private final List<Service> services;
    private final Map<String, MessageShapes.Shape> messages;

    /** @param knobs the knobs a method honours, by its full name */
    MethodCatalogue(List<Descriptors.ServiceDescriptor> found, Function<String, Set<String>> knobs) {
        List<Descriptors.ServiceDescriptor> sorted = found.stream()
                .sorted(Comparator.comparing(Descriptors.ServiceDescriptor::getFullName)).toList();
        sorted.forEach(s -> s.getMethods().forEach(m -> methods.put(fullName(m), m)));
        this.knobs = knobs;
        this.services = sorted.stream().map(s -> new Service(s.getFullName(), s.getMethods().stream()
                .map(m -> new Method(m.getName(), fullName(m), ServiceDescriptors.type(m).name(),
                        m.getInputType().getFullName(), m.getOutputType().getFullName(), knobs.apply(fullName(m))))
                .toList())).toList();
        this.messages = MessageShapes.of(methods.values().stream().map(Descriptors.MethodDescriptor::getInputType)
                .toList());
    }

    Listing listing(String target, List<String> targets, Map<String, Object> policies) {
        return new Listing(target, targets, services, messages, policies);
    }

    Optional<Descriptors.MethodDescriptor> find(String service, String method) {
        return Optional.ofNullable(methods.get(service + "/" + method));
    }

    Set<String> knobs(String fullName) {
        return knobs.apply(fullName);
    }

    static String fullName(Descriptors.MethodDescriptor method) {
        return method.getService().getFullName() + "/" + method.getName();
    }
}
