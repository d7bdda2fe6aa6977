package io.grpclab.balancing;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;

/**
 * One backend's subchannel as the health checks call it: reads their Watch stream, whose responses are the backend's
 * health; an UNIMPLEMENTED end means the backend has no health service (grpc-java then stops checking it, gRFC A17).
 * A Channel rather than a ClientInterceptor, which Quarkus would take for an interceptor of its own clients.
 */
final class HealthWatchChannel extends Channel {

    private static final String WATCH = HealthGrpc.getWatchMethod().getFullMethodName();

    private final Channel subchannel;
    private final BackendState state;

    HealthWatchChannel(Channel subchannel, BackendState state) {
        this.subchannel = subchannel;
        this.state = state;
    }

    @Override
    public String authority() {
        return subchannel.authority();
    }

    @Override
    public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
        ClientCall<Q, R> call = subchannel.newCall(method, options);
        if (!method.getFullMethodName().equals(WATCH)) {
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
