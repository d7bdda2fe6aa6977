package io.grpclab.gateway;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.grpc.CallResult;
import io.grpclab.grpc.RequestIds;
import io.grpclab.grpc.RetryKeys;
import io.vertx.core.http.HttpServerRequest;

/**
 * What every {@code /api/*} endpoint does around its gRPC call: read the deadline and the metadata from
 * the HTTP request, then turn the call's result into an HTTP response with the mapped status, the
 * response headers and trailers, and a problem+json body on failure.
 */
@ApplicationScoped
public class Gateway {

    /** The deadline and metadata of the gRPC call behind one HTTP request. */
    public record CallSettings(Deadline deadline, Metadata metadata) {
    }

    /** The HTTP caller's address, for the server's per-client login throttling. */
    static final Metadata.Key<String> FORWARDED_FOR = Metadata.Key.of("x-forwarded-for", Metadata.ASCII_STRING_MARSHALLER);

    private final DeadlineBudget budget;
    private final MetadataMapping mapping;

    Gateway(DeadlineBudget budget, MetadataMapping mapping) {
        this.budget = budget;
        this.mapping = mapping;
    }

    /**
     * The deadline and the metadata ({@code Grpc-Metadata-*} headers and the request id) of the call.
     *
     * @throws InvalidParameterException or {@link MetadataTooLargeException} for a bad header
     */
    public CallSettings callSettings(HttpServerRequest request) {
        Deadline deadline = budget.deadline(request.getHeader(DeadlineBudget.REQUEST_TIMEOUT_HEADER),
                request.getHeader(DeadlineBudget.GRPC_TIMEOUT_HEADER));
        return new CallSettings(deadline, metadata(request));
    }

    /** The {@code Grpc-Metadata-*} headers as metadata, with the request id and the caller's address. */
    public Metadata metadata(HttpServerRequest request) {
        Metadata metadata = mapping.fromHeaders(request.headers());
        metadata.merge(metadata());
        return metadata;
    }

    /** Metadata with the request id and the caller's address only, for calls that forward nothing else. */
    public Metadata metadata() {
        Metadata metadata = new Metadata();
        metadata.put(RequestIds.KEY, requestId());
        String client = RequestIdFilter.currentClient();
        if (client != null) {
            metadata.put(FORWARDED_FOR, client);
        }
        return metadata;
    }

    /** The request id of the HTTP request being answered. */
    public String requestId() {
        String id = RequestIdFilter.currentId();
        return id != null ? id : RequestIds.newId();
    }

    public <R> Response respond(CallResult<R> result, Function<R, Object> body, String path) {
        Response.ResponseBuilder response;
        if (result.ok()) {
            response = Response.ok(body.apply(result.response()), MediaType.APPLICATION_JSON_TYPE);
        } else {
            response = problem(result.status(), result.deadlinePassed(), path);
            retryAfter(result.trailers()).ifPresent(seconds -> response.header("Retry-After", seconds));
            if (result.status().getCode() == Status.Code.UNAUTHENTICATED) {
                response.header("WWW-Authenticate", "Basic realm=\"grpc-resilience-lab\", Bearer");
            }
        }
        mapping.toHeaders(result.headers(), result.trailers(), response::header);
        return response.build();
    }

    /** The server's retry pushback (grpc-retry-pushback-ms) as HTTP's Retry-After, in whole seconds. */
    static Optional<Long> retryAfter(Metadata trailers) {
        String pushback = trailers.get(RetryKeys.RETRY_PUSHBACK);
        if (pushback == null) {
            return Optional.empty();
        }
        try {
            long millis = Long.parseLong(pushback.trim());
            return millis < 0 ? Optional.empty() : Optional.of((millis + 999) / 1000);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Response.ResponseBuilder problem(Status status, boolean deadlinePassed, String path) {
        int http = GrpcHttpStatus.of(status.getCode());
        String name = status.getCode().name();
        Problem problem = new Problem("urn:grpclab:problem:grpc-status:" + name.toLowerCase(Locale.ROOT).replace('_', '-'),
                title(name), http, detail(status, deadlinePassed), path, name, null);
        return Response.status(http).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /**
     * What the caller may read of a failed call: the server's own description, but not what grpc-java
     * writes for failures it detects itself (its deadline timer, transport errors), which names internal
     * addresses and timings.
     */
    static String detail(Status status, boolean deadlinePassed) {
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && deadlinePassed) {
            return "the gRPC call did not complete within its deadline";
        }
        if (status.getCause() != null || status.getDescription() == null) {
            return "the gRPC call failed with " + status.getCode();
        }
        return status.getDescription();
    }

    /** DEADLINE_EXCEEDED becomes "Deadline exceeded". */
    static String title(String statusName) {
        String words = statusName.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
