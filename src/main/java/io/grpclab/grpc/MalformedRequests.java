package io.grpclab.grpc;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * A request whose bytes are not the method's message is INVALID_ARGUMENT, quietly. grpc-java parses the request
 * before any interceptor runs, and a parse failure escapes its executor: the caller got UNKNOWN and the log a SEVERE
 * stack trace per call, which a client could send as fast as it liked. Here each service's request marshaller hands a
 * parse failure on as a value, and the method's handler closes the call with it. The only hook there is: the
 * marshaller belongs to the method descriptor the server is given, so each {@code @GrpcService} wraps its own
 * {@code bindService()} with {@link #guard}.
 */
public final class MalformedRequests {

    private MalformedRequests() {
    }

    /** What a request marshaller returns for bytes it could not parse, in place of the message. */
    private record Malformed(String why) {
    }

    /** The same service, with each method's request parsed by {@link #guard(MethodDescriptor.Marshaller)}. */
    public static ServerServiceDefinition guard(ServerServiceDefinition service) {
        ServiceDescriptor original = service.getServiceDescriptor();
        List<ServerMethodDefinition<?, ?>> methods = new ArrayList<>();
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(original.getName())
                .setSchemaDescriptor(original.getSchemaDescriptor());
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            ServerMethodDefinition<?, ?> guarded = guard(method);
            descriptor.addMethod(guarded.getMethodDescriptor());
            methods.add(guarded);
        }
        ServerServiceDefinition.Builder builder = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(builder::addMethod);
        return builder.build();
    }

    private static <Q, R> ServerMethodDefinition<Q, R> guard(ServerMethodDefinition<Q, R> definition) {
        MethodDescriptor<Q, R> method = definition.getMethodDescriptor();
        MethodDescriptor<Q, R> guarded = method.toBuilder()
                .setRequestMarshaller(guard(method.getRequestMarshaller())).build();
        ServerCallHandler<Q, R> handler = definition.getServerCallHandler();
        return ServerMethodDefinition.create(guarded, (call, headers) -> refusing(call, handler.startCall(call,
                headers)));
    }

    /** Parses as {@code parser} does; bytes it refuses become a {@link Malformed} in the message's place. */
    @SuppressWarnings("unchecked") // the value only travels to refusing(), which never reads it as a Q
    private static <Q> MethodDescriptor.Marshaller<Q> guard(MethodDescriptor.Marshaller<Q> parser) {
        return new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(Q value) {
                return parser.stream(value);
            }

            @Override
            public Q parse(InputStream stream) {
                try {
                    return parser.parse(stream);
                } catch (StatusRuntimeException refused) {
                    Throwable cause = refused.getCause();
                    return (Q) new Malformed(cause != null && cause.getMessage() != null ? cause.getMessage()
                            : String.valueOf(refused.getStatus().getDescription()));
                }
            }
        };
    }

    /** Closes the call when its request was malformed; from then on the method hears nothing more of it. */
    private static <Q, R> ServerCall.Listener<Q> refusing(ServerCall<Q, R> call, ServerCall.Listener<Q> next) {
        return new SimpleForwardingServerCallListener<>(next) {
            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if ((Object) message instanceof Malformed malformed) {
                    refused = true;
                    call.close(Status.INVALID_ARGUMENT.withDescription("the request is not a valid "
                            + call.getMethodDescriptor().getFullMethodName() + " request message: " + malformed.why()),
                            new Metadata());
                } else if (!refused) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                if (!refused) {
                    super.onHalfClose();
                }
            }

            @Override
            public void onReady() {
                if (!refused) {
                    super.onReady();
                }
            }
        };
    }
}
