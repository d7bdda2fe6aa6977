package io.grpclab.lab.catalogue;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One entry of the {@code GET /demo} index, read from the endpoint's OpenAPI description.
 *
 * @param lesson its place on the path through the lessons (1 first), shared by the scenarios of one lesson
 * @param teaches what it teaches, in one sentence (the operation's {@code x-teaches})
 * @param tryNext runs worth trying after the first (the operation's {@code x-try-next})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(String method, String path, int lesson, String summary, String teaches, String description,
        List<Parameter> parameters, String body, List<Preset> tryNext) {

    /**
     * A run worth trying: what it shows, its query string, and the scenario it runs when that is another one (its
     * path under /demo/, e.g. keepalive/silent-peer); null for this one.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Preset(String label, String query, String scenario) {
    }

    /**
     * A query or header parameter.
     *
     * @param bounds what it accepts: {@code min..max}, the allowed values, or null when the description says it
     */
    public record Parameter(String name, String in, String bounds, String defaultValue, String description) {
    }
}
