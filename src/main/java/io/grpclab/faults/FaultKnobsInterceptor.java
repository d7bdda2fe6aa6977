package io.grpclab.faults;

import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.inject.Singleton;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpclab.grpc.ServerCallMetadataInterceptor;
import io.quarkus.grpc.GlobalInterceptor;

/** Refuses calls that carry fault knobs when {@link FaultKnobs} says they are off, before any service runs. */
@Singleton
@GlobalInterceptor
class FaultKnobsInterceptor implements ServerInterceptor, Prioritized {

    private final FaultKnobs knobs;

    FaultKnobsInterceptor(FaultKnobs knobs) {
        this.knobs = knobs;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        Status refusal = knobs.refusal(headers, call.getAttributes().get(Grpc.TRANSPORT_ATTR_LOCAL_ADDR));
        if (refusal == null) {
            return next.startCall(call, headers);
        }
        call.close(refusal, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    /**
     * Right after {@link ServerCallMetadataInterceptor} (higher runs first): a refused call gets its request id and its
     * log line, and is refused before authentication spends a bcrypt round on it.
     */
    @Override
    public int getPriority() {
        return ServerCallMetadataInterceptor.PRIORITY - 1;
    }
}
