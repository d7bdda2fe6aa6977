package io.grpclab.grpc;

import io.grpc.Context;
import io.grpc.Metadata;

/**
 * What a gRPC service knows about the call it is handling: the request metadata, the request id, and
 * the trailers it will send. {@link ServerCallMetadataInterceptor} puts them into the gRPC
 * {@link Context}, so services read metadata and add trailers in one place, without an interceptor of
 * their own.
 */
public final class ServerCallMetadata {

    static final Context.Key<Metadata> REQUEST_HEADERS = Context.key("lab.request-headers");
    static final Context.Key<Metadata> TRAILERS = Context.key("lab.response-trailers");
    static final Context.Key<String> REQUEST_ID = Context.key("lab.request-id");

    private ServerCallMetadata() {
    }

    /** The request metadata of the current call (empty outside a call). */
    public static Metadata requestHeaders() {
        Metadata headers = REQUEST_HEADERS.get();
        return headers == null ? new Metadata() : headers;
    }

    /**
     * The trailers the current call will send, whatever its status. Add entries before the call closes;
     * they are merged into the trailers when it does.
     */
    public static Metadata trailers() {
        Metadata trailers = TRAILERS.get();
        if (trailers == null) {
            throw new IllegalStateException("not inside a gRPC call handled by ServerCallMetadataInterceptor");
        }
        return trailers;
    }
}
