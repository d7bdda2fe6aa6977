package io.grpclab.ops;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientStreamTracer;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * Counts every attempt of the gateway's gRPC calls (a stream tracer sees them below the retry machinery) and
 * the calls that ran out of time, on every channel.
 */
@ApplicationScoped
@GlobalInterceptor
public class ClientCallMetrics implements ClientInterceptor {

    private final LabMetrics metrics;

    ClientCallMetrics(LabMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String name = method.getFullMethodName();
        ClientStreamTracer.Factory attempts = new ClientStreamTracer.Factory() {
            @Override
            public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
                metrics.attempt(name, kind(info));
                return new ClientStreamTracer() {
                };
            }
        };
        ClientCall<Q, R> call = next.newCall(method, options.withStreamTracerFactory(attempts));
        return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
                    @Override
                    public void onClose(Status status, Metadata trailers) {
                        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
                            metrics.deadlineExceeded(name);
                        }
                        super.onClose(status, trailers);
                    }
                }, headers);
            }
        };
    }

    private static LabMetrics.AttemptKind kind(ClientStreamTracer.StreamInfo info) {
        if (info.isTransparentRetry()) {
            return LabMetrics.AttemptKind.TRANSPARENT;
        }
        if (info.getPreviousAttempts() == 0) {
            return LabMetrics.AttemptKind.FIRST;
        }
        return info.isHedging() ? LabMetrics.AttemptKind.HEDGE : LabMetrics.AttemptKind.RETRY;
    }
}
