package io.grpclab.edge;

import java.util.List;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * A problem+json answer from a plain Vert.x route (the body limit, the credential transport rule, the transcoder),
 * which has no JAX-RS exception mappers to write it.
 */
@Singleton
public class ProblemResponses {

    private final ObjectMapper json;

    ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    public void send(RoutingContext context, Problem problem) {
        send(context, problem, List.of());
    }

    /**
     * @param details proto3 JSON objects (a failed call's google.rpc details), sent as the problem's {@code details}
     *        array when there are some
     */
    public void send(RoutingContext context, Problem problem, List<String> details) {
        ObjectNode body = json.valueToTree(problem);
        if (!details.isEmpty()) {
            ArrayNode array = body.putArray("details");
            for (String detail : details) {
                try {
                    array.add(json.readTree(detail));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("JsonFormat printed invalid JSON", e);
                }
            }
        }
        context.response().setStatusCode(problem.status()).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body.toString());
    }
}
