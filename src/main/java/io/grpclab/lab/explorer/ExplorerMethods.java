package io.grpclab.lab.explorer;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.protobuf.Descriptors;

import io.grpc.BindableService;
import io.grpclab.grpc.ServiceDescriptors;

/**
 * Every method of the services this app serves, from their descriptors (the same ones the server and the transcoder
 * use), with the shapes of their messages for a form, and the lab's fault knobs each one honours.
 */
@Singleton
class ExplorerMethods {

    /** One method, as the explorer's listing shows it. */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Method(String name, String fullName, String type, String requestType, String responseType,
            Set<String> knobs) {
    }

    record Service(String name, List<Method> methods) {
    }

    /** What {@code GET /demo/explorer} answers: the services, the messages their forms need, the policies offered. */
    record Listing(List<Service> services, Map<String, MessageShapes.Shape> messages, Map<String, Object> policies) {
    }

    /** The knobs Echo and SayHello honour (see FaultKnobs): the form offers them only where they do something. */
    static final Set<String> FAIL_KNOBS = Set.of("failAttempts", "failCode");
    static final Set<String> ECHO_KNOBS = Set.of("failAttempts", "failCode", "delayMs", "echoMetadata");
    private static final Map<String, Set<String>> KNOBS = Map.of("ExampleService/SayHello", FAIL_KNOBS,
            "EchoService/Echo", ECHO_KNOBS);

    private final Map<String, Descriptors.MethodDescriptor> methods = new LinkedHashMap<>();
    private final List<Service> services;
    private final Map<String, MessageShapes.Shape> messages;

    ExplorerMethods(@Any Instance<BindableService> beans) {
        List<Descriptors.ServiceDescriptor> descriptors = ServiceDescriptors.of(beans).stream()
                .sorted(Comparator.comparing(Descriptors.ServiceDescriptor::getFullName)).toList();
        descriptors.forEach(s -> s.getMethods().forEach(m -> methods.put(fullName(m), m)));
        this.services = descriptors.stream().map(s -> new Service(s.getFullName(), s.getMethods().stream()
                .map(m -> new Method(m.getName(), fullName(m), ServiceDescriptors.type(m).name(),
                        m.getInputType().getFullName(), m.getOutputType().getFullName(), knobs(fullName(m))))
                .toList())).toList();
        this.messages = MessageShapes.of(methods.values().stream().map(Descriptors.MethodDescriptor::getInputType)
                .toList());
    }

    Listing listing(Map<String, Object> policies) {
        return new Listing(services, messages, policies);
    }

    Optional<Descriptors.MethodDescriptor> find(String service, String method) {
        return Optional.ofNullable(methods.get(service + "/" + method));
    }

    static Set<String> knobs(String fullName) {
        return KNOBS.getOrDefault(fullName, Set.of());
    }

    static String fullName(Descriptors.MethodDescriptor method) {
        return method.getService().getFullName() + "/" + method.getName();
    }
}
