package io.grpclab.lab.catalogue;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.grpclab.edge.ApiDocs;
import io.smallrye.common.annotation.NonBlocking;

/** {@code GET /demo}: the scenarios this build runs, each with its parameters (from its OpenAPI description). */
@Path("/demo")
@Tag(name = ApiDocs.DEMO_TAG)
public class ScenarioIndexResource {

    /** The index. */
    public record Index(String description, List<Scenario> scenarios) {
    }

    private static final String DESCRIPTION = "Each scenario runs a real gRPC call through this gateway and reports "
            + "what happened on the wire. /demo/* answer 200 with a report even when the call fails as intended; 400 "
            + "means a parameter was out of bounds. Try them in Swagger UI: /q/swagger-ui.";

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The scenarios", description = "Each /demo endpoint with its parameters, bounds and defaults.")
    public Index index() {
        return new Index(DESCRIPTION, ScenarioCatalog.scenarios());
    }
}
