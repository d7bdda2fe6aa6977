package io.grpclab.edge;

import java.util.List;
import java.util.Objects;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Every error the HTTP side answers is problem+json: bad parameters and bodies are 400 naming what was
 * wrong, oversized metadata 431, unknown paths and methods their usual status, and anything unexpected a
 * 500 that says nothing about the inside of the process.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response invalidParameter(InvalidParameterException e, UriInfo uri) {
        return invalid(e.params(), uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.InvalidParam> params = e.getConstraintViolations().stream()
                .map(v -> new Problem.InvalidParam(parameterName(v), v.getMessage()))
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
        return invalid(params, uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return problem(400, Problem.INVALID, "Invalid request body",
                "the request body is not valid JSON for this endpoint", uri);
    }

    /**
     * A body that is JSON but not of the expected shape: a value of the wrong type, or a type id no subtype has. Named
     * here, in the app's words: Quarkus's own mapper for it answers an empty 400, and Jackson's message names classes.
     */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        if (e instanceof InvalidTypeIdException type) {
            String reason = type.getTypeId() == null ? "is missing" : "has no kind '" + type.getTypeId() + "'";
            return invalid(List.of(new Problem.InvalidParam("type", reason)), uri);
        }
        String field = e.getPath().stream().map(JsonMappingException.Reference::getFieldName)
                .filter(Objects::nonNull).reduce((first, last) -> last).orElse("body");
        return invalid(List.of(new Problem.InvalidParam(field, "is not a value of the expected type")), uri);
    }

    @ServerExceptionMapper
    public Response metadataTooLarge(MetadataTooLargeException e, UriInfo uri) {
        return problem(431, "urn:grpclab:problem:metadata-too-large", "Request metadata too large",
                e.getMessage(), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (e.getCause() instanceof JsonProcessingException json) {
            return unreadableJson(json, uri);
        }
        if (e.getCause() instanceof InvalidParameterException invalid) { // from a resource's parameter converter
            return invalid(invalid.params(), uri);
        }
        if (e.getResponse().getEntity() instanceof Problem) { // a resource's own problem, in its own words
            return e.getResponse();
        }
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type != null ? type.getReasonPhrase() : "HTTP " + status;
        return problem(status, "about:blank", title, title, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        LOG.errorf("Unexpected %s answering %s: %s", e.getClass().getSimpleName(), uri.getPath(), e.getMessage());
        LOG.debug("Unexpected failure", e);
        return problem(500, "about:blank", "Internal Server Error",
                "the gateway failed unexpectedly; the server log has the details", uri);
    }

    private static Response invalid(List<Problem.InvalidParam> params, UriInfo uri) {
        return Response.status(400).type(Problem.MEDIA_TYPE).entity(Problem.invalid(params, uri.getPath())).build();
    }

    private static Response problem(int status, String type, String title, String detail, UriInfo uri) {
        Problem problem = new Problem(type, title, status, detail, uri.getPath(), null, null);
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    /** "echo.arg0.echoMessage" → "echoMessage": the last named node of the path. */
    private static String parameterName(ConstraintViolation<?> violation) {
        String name = "request";
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getName() != null && node.getKind() != jakarta.validation.ElementKind.METHOD) {
                name = node.getName();
            }
        }
        return name;
    }
}
