package io.grpclab.lab.catalogue;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One entry of the {@code GET /demo} index, read from the endpoint's OpenAPI description. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Scenario(String method, String path, String summary, String description, List<Parameter> parameters,
        String body) {

    /**
     * A query or header parameter.
     *
     * @param bounds what it accepts: {@code min..max}, the allowed values, or null when the description says it
     */
    public record Parameter(String name, String in, String bounds, String defaultValue, String description) {
    }
}
