package io.grpclab.grpc;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;

/**
 * Unary calls as a {@link Uni} of {@link CallResult}, on grpc-java's {@link ClientCall}.
 * <p>
 * Unlike the generated Mutiny stubs, this keeps the response headers and trailers of every call
 * (failed ones included), measures it, and cancels it when the subscriber goes away (an HTTP
 * caller that disconnected does not leave a gRPC call running). A gRPC failure is a result, not
 * an exception.
 */
public final class UnaryCalls {

    private UnaryCalls() {
    }

    public static <Q, R> Uni<CallResult<R>> call(Channel channel, MethodDescriptor<Q, R> method,
            CallOptions options, Metadata headers, Q request) {
        return call(channel, method, options, headers, request, Function.identity());
    }

    /**
     * The call, answered by {@code answer} in the same step: a gateway endpoint turns the result into its HTTP answer
     * without a Mutiny operator more, each of which costs a context capture on the hot path. An exception
     * {@code answer} throws fails the Uni.
     */
    public static <Q, R, T> Uni<T> call(Channel channel, MethodDescriptor<Q, R> method, CallOptions options,
            Metadata headers, Q request, Function<CallResult<R>, T> answer) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean closed = new AtomicBoolean();
            long start = System.nanoTime();
            ClientCall<Q, R> call = channel.newCall(method, options);
            call.start(new ClientCall.Listener<>() {
                private Metadata responseHeaders;
                private R message;

                @Override
                public void onHeaders(Metadata received) {
                    responseHeaders = received;
                }

                @Override
                public void onMessage(R received) {
                    message = received;
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed.set(true);
                    Status effective = status.isOk() && message == null
                            ? Status.INTERNAL.withDescription("no response message received for a unary call")
                            : status;
                    R body = effective.isOk() ? message : null;
                    boolean deadlinePassed = options.getDeadline() != null && options.getDeadline().isExpired();
                    long elapsed = System.nanoTime() - start;
                    log(method, effective, elapsed, headers);
                    T answered;
                    try {
                        answered = answer.apply(new CallResult<>(effective, body,
                                responseHeaders != null ? responseHeaders : new Metadata(), trailers, elapsed,
                                deadlinePassed, call.getAttributes()));
                    } catch (RuntimeException failure) {
                        emitter.fail(failure);
                        return;
                    }
                    emitter.complete(answered);
                }
            }, headers);
            emitter.onTermination(() -> {
                if (!closed.get()) {
                    call.cancel("the caller went away", null);
                }
            });
            call.request(2);
            call.sendMessage(request);
            call.halfClose();
        });
    }

    private static void log(MethodDescriptor<?, ?> method, Status status, long elapsedNanos, Metadata headers) {
        if (CallLog.LOG.isDebugEnabled()) {
            CallLog.LOG.debugf("called %s: %s in %d ms (request %s)", method.getFullMethodName(), status.getCode(),
                    TimeUnit.NANOSECONDS.toMillis(elapsedNanos), headers.get(RequestIds.KEY));
        }
    }
}
