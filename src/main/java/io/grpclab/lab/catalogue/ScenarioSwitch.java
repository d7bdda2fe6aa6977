package io.grpclab.lab.catalogue;

import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.grpclab.edge.Problem;

/**
 * While {@code lab.demo.enabled} is off, every {@code /demo} resource answers 404 problem+json saying how to turn
 * the scenarios on. The decision is made on the resource the request matched, after matching: a path written to
 * dodge a prefix test ({@code //demo}, {@code /%64emo}, {@code /api/../demo}) still matches a demo resource, and is
 * refused the same.
 */
public class ScenarioSwitch {

    private static final String DETAIL = "the lab's /demo scenarios are off in this profile; turn them on with "
            + ScenarioConfig.SWITCH + "=true, or run the lab profile (-Dquarkus.profile=lab); see "
            + "\"Running in production\" in src/docs/operations.md";

    private final boolean enabled;

    ScenarioSwitch(ScenarioConfig config) {
        this.enabled = config.enabled();
    }

    @ServerRequestFilter
    public Response refuseWhenOff(SimpleResourceInfo resource, UriInfo uri) {
        if (enabled || !isScenario(resource.getResourceClass())) {
            return null;
        }
        return Response.status(Response.Status.NOT_FOUND).type(Problem.MEDIA_TYPE)
                .entity(disabled(uri.getPath()))
                .build();
    }

    /** What a demo path answers when the demos are off (the lab page's too). */
    public static Problem disabled(String path) {
        return new Problem("urn:grpclab:problem:demo-disabled", "Not Found", 404, DETAIL, path, null, null);
    }

    /** Per resource class, worked out once: every request the switch sees asks. */
    private static final ClassValue<Boolean> DEMO_RESOURCE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> resourceClass) {
            Path path = resourceClass.getAnnotation(Path.class);
            return path != null && isScenario(path.value());
        }
    };

    private static boolean isScenario(Class<?> resourceClass) {
        return resourceClass != null && DEMO_RESOURCE.get(resourceClass);
    }

    /** Whether a path template is {@code /demo} or under it. */
    static boolean isScenario(String path) {
        return path != null && path.startsWith("/demo") && (path.length() == 5 || path.charAt(5) == '/');
    }
}
