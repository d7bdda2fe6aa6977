package io.grpclab.edge;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Operation;

import io.quarkus.smallrye.openapi.OpenApiFilter;

/**
 * Every operation that takes parameters or a body answers 400 problem+json when one is out of its bounds (the
 * {@link ProblemMappers}): documented here once, at build time, instead of an {@code @APIResponse} on each method.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class BadParametersResponse implements OASFilter {

    @Override
    public Operation filterOperation(Operation operation) {
        boolean takesInput = (operation.getParameters() != null && !operation.getParameters().isEmpty())
                || operation.getRequestBody() != null;
        if (takesInput) { // replaces SmallRye's own bare "400 Bad Request": every 400 here is problem+json
            if (operation.getResponses() == null) {
                operation.setResponses(OASFactory.createAPIResponses());
            }
            operation.getResponses().addAPIResponse("400", OASFactory.createAPIResponse()
                    .description(ApiDocs.BAD_PARAMETERS)
                    .content(OASFactory.createContent().addMediaType(ApiDocs.PROBLEM_JSON, OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref(Problem.class.getSimpleName())))));
        }
        return operation;
    }
}
