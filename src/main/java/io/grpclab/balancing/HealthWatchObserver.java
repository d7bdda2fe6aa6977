package io.grpclab.balancing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

/**
 * Reads the health checks' Watch stream on one backend's subchannel: each response is the backend's health; an
 * UNIMPLEMENTED end means the backend has no health service (grpc-java then stops checking it, gRFC A17).
 */
final class HealthWatchObserver implements ClientInterceptor {

    private final BackendState state;

    HealthWatchObserver(BackendState state) {
        this.state = state;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        ClientCall<Q, R> call = next.newCall(method, options);
        if (!method.getFullMethodName().equals(HealthGrpc.getWatchMethod().getFullMethodName())) {
            return call;
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onMessage(R message) {
                        if (message instanceof HealthCheckResponse response) {
                            state.health(response.getStatus().name(),
                                    response.getStatus() == HealthCheckResponse.ServingStatus.SERVING);
                        }
                        super.onMessage(message);
                    }

                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        if (status.getCode() == Status.Code.UNIMPLEMENTED) {
                            state.health("no health service: not checked", true);
                        } else if (status.getCode() != Status.Code.CANCELLED) {
                            state.health("health stream ended: " + status.getCode(), false);
                        }
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }
}
