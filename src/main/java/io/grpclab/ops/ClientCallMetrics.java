package io.grpclab.ops;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.inject.Singleton;

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
import io.grpclab.faults.FaultKnobs;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * Counts every attempt of the gateway's gRPC calls (a stream tracer sees them below the retry machinery) and
 * the calls that ran out of time, on every channel. Its tracer factory, which every call gets anyway, also hands an
 * attempt that carries the demos' credential to {@link FaultKnobs#tracer}, which signs it for the backend picked.
 */
@Singleton
@GlobalInterceptor
public class ClientCallMetrics implements ClientInterceptor {

    /** Counts attempts of one method; one per method, shared by all its calls (a tracer keeps no state here). */
    private static final class MethodTracing extends ClientStreamTracer.Factory {
        private static final ClientStreamTracer NOTHING_TO_TRACE = new ClientStreamTracer() {
        };

        private final String method;
        private final LabMetrics metrics;
        private final FaultKnobs knobs;

        MethodTracing(String method, LabMetrics metrics, FaultKnobs knobs) {
            this.method = method;
            this.metrics = metrics;
            this.knobs = knobs;
        }

        @Override
        public ClientStreamTracer newClientStreamTracer(ClientStreamTracer.StreamInfo info, Metadata headers) {
            metrics.attempt(method, kind(info));
            ClientStreamTracer demoCredential = knobs.tracer(headers);
            return demoCredential != null ? demoCredential : NOTHING_TO_TRACE;
        }
    }

    private final LabMetrics metrics;
    private final FaultKnobs knobs;
    private final ConcurrentMap<String, MethodTracing> tracing = new ConcurrentHashMap<>();

    ClientCallMetrics(LabMetrics metrics, FaultKnobs knobs) {
        this.metrics = metrics;
        this.knobs = knobs;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        String name = method.getFullMethodName();
        MethodTracing attempts = tracing.computeIfAbsent(name, n -> new MethodTracing(n, metrics, knobs));
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
