package io.grpclab.edge;

import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpc.Status;

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
    static final String INVALID = "urn:grpclab:problem:invalid-parameters";

    /** A failed gRPC call: its status mapped to HTTP, its name as the type and in words as the title. */
    public static Problem ofGrpcStatus(Status.Code code, String detail, String path) {
        String name = code.name();
        String words = name.replace('_', ' ').toLowerCase(Locale.ROOT); // DEADLINE_EXCEEDED: "Deadline exceeded"
        return new Problem("urn:grpclab:problem:grpc-status:" + name.toLowerCase(Locale.ROOT).replace('_', '-'),
                Character.toUpperCase(words.charAt(0)) + words.substring(1), GrpcHttpStatus.of(code), detail, path,
                name, null);
    }

    /** Parameters out of their bounds: 400, each named with its reason. */
    public static Problem invalid(List<InvalidParam> params, String path) {
        String detail = params.size() == 1 ? params.get(0).name() + " " + params.get(0).reason()
                : params.size() + " parameters are invalid";
        return new Problem(INVALID, "Invalid parameters", 400, detail, path, null, params);
    }

    /** A parameter (query, header or body field) and why it was refused. */
    public record InvalidParam(String name, String reason) {
    }
}
