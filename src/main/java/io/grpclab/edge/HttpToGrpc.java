package io.grpclab.edge;

import java.util.Optional;

import jakarta.inject.Singleton;

import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.ForwardedFor;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.RequestIds;
import io.grpclab.grpc.RetryKeys;
import io.vertx.core.http.HttpServerRequest;

/**
 * What the gateway and the {@code /demo} scenarios do around a gRPC call: read the deadline and the metadata from the
 * HTTP request (the deadline budget, the {@code Grpc-Metadata-*} mapping, the request id and the caller's address), and
 * read the server's pushback as {@code Retry-After}.
 */
@Singleton
public class HttpToGrpc {

    /** The deadline and metadata of the gRPC call behind one HTTP request. */
    public record CallSettings(Deadline deadline, Metadata metadata) {
    }

    private final DeadlineBudget budget;
    private final MetadataMapping mapping;
    private final FaultKnobs knobs;
    private final boolean overTls;

    HttpToGrpc(DeadlineBudget budget, MetadataMapping mapping, FaultKnobs knobs, GatewayChannel lab) {
        this.budget = budget;
        this.mapping = mapping;
        this.knobs = knobs;
        this.overTls = lab.summary().tls();
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

    /**
     * Metadata with the request id and the HTTP caller's address only, for calls that forward nothing else. The
     * address (x-forwarded-for) is there on every call: the server counts failed logins per client by it, and it
     * marks the call as forwarded, so that the gateway's own client certificate never authenticates the caller.
     */
    public Metadata metadata() {
        Metadata metadata = new Metadata();
        metadata.put(RequestIds.KEY, requestId());
        String client = RequestIdFilter.currentClient();
        metadata.put(ForwardedFor.KEY, client != null ? client : "unknown");
        return metadata;
    }

    /**
     * Metadata for a {@code /demo} scenario's own call, which sets fault knobs: {@link #metadata()}, allowed to carry
     * them even where they are off for outside callers.
     */
    public Metadata demoMetadata() {
        return knobs.authorize(metadata(), overTls);
    }

    /** {@link #metadata(HttpServerRequest)} for a {@code /demo} scenario's own call; see {@link #demoMetadata()}. */
    public Metadata demoMetadata(HttpServerRequest request) {
        return knobs.authorize(metadata(request), overTls);
    }

    /** The request id of the HTTP request being answered. */
    public String requestId() {
        String id = RequestIdFilter.currentId();
        return id != null ? id : RequestIds.newId();
    }

    /** The server's retry pushback (grpc-retry-pushback-ms) as HTTP's Retry-After, in whole seconds. */
    public static Optional<Long> retryAfter(Metadata trailers) {
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
}
