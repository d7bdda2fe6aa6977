package io.grpclab.gateway;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail, the body of every error the gateway answers.
 *
 * @param type a URI naming the kind of problem
 * @param title a short summary of that kind
 * @param status the HTTP status
 * @param detail what went wrong with this request; never a stack trace, a secret or a class name
 * @param instance the request path
 * @param grpcStatus the gRPC status name, when a gRPC call failed
 * @param invalidParams each parameter that was out of bounds, when some were
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, String grpcStatus,
        List<InvalidParam> invalidParams) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** A parameter (query, header or body field) and why it was refused. */
    public record InvalidParam(String name, String reason) {
    }
}
