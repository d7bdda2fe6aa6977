package io.grpclab.lab.explorer;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import com.google.protobuf.DynamicMessage;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.smallrye.mutiny.Uni;

/**
 * One call of any kind (unary or streaming either way) on grpc-java's {@link ClientCall}: every request message sent,
 * then the half-close; every response message kept with the time it came, up to {@link #MAX_MESSAGES}; the headers,
 * the status and the trailers. Cancelled when the subscriber goes away. The generated stubs need generated classes,
 * and {@code UnaryCalls} takes one message: the explorer calls methods it knows only by their descriptors.
 */
final class ExplorerCall {

    /** The messages of a stream a report keeps; the rest are counted. */
    static final int MAX_MESSAGES = 100;

    /** One response message and when it came, in ms from the start of the call. */
    record Received(long atMs, DynamicMessage message) {
    }

    /** What happened. */
    record Result(Status status, Metadata headers, Metadata trailers, List<Received> messages, int messagesReceived,
            long elapsedMs, boolean deadlinePassed) {
    }

    private ExplorerCall() {
    }

    static Uni<Result> run(Channel channel, MethodDescriptor<DynamicMessage, DynamicMessage> method,
            CallOptions options, Metadata headers, List<DynamicMessage> requests) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean closed = new AtomicBoolean();
            long start = System.nanoTime();
            ClientCall<DynamicMessage, DynamicMessage> call = channel.newCall(method, options);
            call.start(new ClientCall.Listener<>() {
                private final List<Received> messages = new ArrayList<>();
                private int received;
                private Metadata responseHeaders = new Metadata();

                @Override
                public void onHeaders(Metadata sent) {
                    responseHeaders = sent;
                }

                @Override
                public void onMessage(DynamicMessage message) {
                    if (++received <= MAX_MESSAGES) {
                        messages.add(new Received(millis(start), message));
                    }
                    call.request(1);
                }

                @Override
                public void onClose(Status status, Metadata trailers) {
                    closed.set(true);
                    Status effective = status.isOk() && received == 0 && method.getType().serverSendsOneMessage()
                            ? Status.INTERNAL.withDescription("no response message received for a unary call")
                            : status;
                    emitter.complete(new Result(effective, responseHeaders, trailers, List.copyOf(messages), received,
                            millis(start), options.getDeadline() != null && options.getDeadline().isExpired()));
                }
            }, headers);
            emitter.onTermination(() -> {
                if (!closed.get()) {
                    call.cancel("the caller went away", null);
                }
            });
            call.request(1);
            for (DynamicMessage request : requests) {
                call.sendMessage(request);
            }
            call.halfClose();
        });
    }

    private static long millis(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
