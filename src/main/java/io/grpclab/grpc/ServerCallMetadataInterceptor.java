package io.grpclab.grpc;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * Captures each call's request metadata into the gRPC {@link Context} and sends the trailers services
 * added through {@link ServerCallMetadata#trailers()}, on success and on error alike.
 */
@ApplicationScoped
@GlobalInterceptor
public class ServerCallMetadataInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Metadata trailers = new Metadata();
        Context context = Context.current()
                .withValue(ServerCallMetadata.REQUEST_HEADERS, headers)
                .withValue(ServerCallMetadata.TRAILERS, trailers);
        ServerCall<Q, R> withTrailers = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata outgoing) {
                outgoing.merge(trailers);
                super.close(status, outgoing);
            }
        };
        return Contexts.interceptCall(context, withTrailers, headers, next);
    }
}
