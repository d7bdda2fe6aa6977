package io.grpclab.demo;

import java.util.List;

/** One entry of the {@code GET /demo} index. */
public record Scenario(String method, String path, List<Parameter> parameters, String description) {

    /** A query parameter with its bounds and default. */
    public record Parameter(String name, String bounds, String defaultValue, String description) {
    }
}
