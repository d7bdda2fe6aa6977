package io.grpclab.grpc;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.inject.spi.Prioritized;
import jakarta.inject.Singleton;

import org.jboss.logging.MDC;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * The server side of every call in one place: captures the request metadata and request id into the gRPC
 * {@link Context}, returns the request id (a response header, or a trailer when the call fails before
 * sending headers), sends the trailers services added through {@link ServerCallMetadata#trailers()} and
 * the attempt number it served ({@code x-served-attempt}) on success and error alike, keeps the request id in the
 * MDC while the service runs, and logs one line per call ({@link CallLog}, DEBUG).
 */
@Singleton
@GlobalInterceptor
public class ServerCallMetadataInterceptor implements ServerInterceptor, Prioritized {

    /**
     * Outermost but for Quarkus's duplicated Vert.x context (MAX_VALUE - 5; higher runs first): every status this
     * server sends, refusals by the security layer and by other interceptors included, carries the request id and the
     * served attempt, is logged, and comes with trailers, by which a client tells the server's descriptions from those
     * its own stack makes up ({@link StatusText}).
     */
    public static final int PRIORITY = Integer.MAX_VALUE - 10;

    private final int maxMetadataSize;

    ServerCallMetadataInterceptor(ServerConfig config) {
        this.maxMetadataSize = config.maxMetadataSize();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        long start = System.nanoTime();
        String requestId = RequestIds.fromOrNew(headers);
        String method = call.getMethodDescriptor().getFullMethodName();
        int size = MetadataSize.of(headers);
        if (size > maxMetadataSize) {
            Status tooLarge = Status.RESOURCE_EXHAUSTED.withDescription("request metadata is " + size
                    + " bytes (name + value + 32 per entry); this server accepts at most " + maxMetadataSize);
            Metadata trailers = new Metadata();
            trailers.put(RequestIds.KEY, requestId);
            call.close(tooLarge, trailers);
            log(requestId, method, tooLarge.getCode(), start);
            return new ServerCall.Listener<>() {
            };
        }
        Metadata trailers = new Metadata();
        Context context = Context.current().withValues(ServerCallMetadata.REQUEST_HEADERS, headers,
                ServerCallMetadata.TRAILERS, trailers, ServerCallMetadata.REQUEST_ID, requestId);
        ServerCall<Q, R> tracked = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            private volatile boolean headersSent;

            @Override
            public void sendHeaders(Metadata responseHeaders) {
                responseHeaders.put(RequestIds.KEY, requestId);
                headersSent = true;
                super.sendHeaders(responseHeaders);
            }

            @Override
            public void close(Status status, Metadata outgoing) {
                // The service's trailers first: clients that print trailers in order (the seed's) show them first.
                outgoing.merge(trailers);
                if (!headersSent) {
                    outgoing.put(RequestIds.KEY, requestId);
                }
                outgoing.put(RetryKeys.SERVED_ATTEMPT, servedAttempt(headers));
                super.close(status, outgoing);
                log(requestId, method, status.getCode(), start);
            }
        };
        ServerCall.Listener<Q> listener = Contexts.interceptCall(context, tracked, headers, next);
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {
            @Override
            public void onMessage(Q message) {
                Object previous = MDC.put(RequestIds.MDC_KEY, requestId);
                try {
                    super.onMessage(message);
                } finally {
                    restore(previous);
                }
            }

            @Override
            public void onHalfClose() {
                Object previous = MDC.put(RequestIds.MDC_KEY, requestId);
                try {
                    super.onHalfClose();
                } finally {
                    restore(previous);
                }
            }

            @Override
            public void onCancel() {
                Object previous = MDC.put(RequestIds.MDC_KEY, requestId);
                try {
                    super.onCancel();
                } finally {
                    restore(previous);
                }
                log(requestId, method, Deadlines.cancelledAtDeadline(context.getDeadline())
                        ? "the caller's deadline passed"
                        : "cancelled by the caller", start);
            }
        };
    }

    /** The attempt number the client says this is: grpc-previous-rpc-attempts + 1. */
    private static String servedAttempt(Metadata headers) {
        String previous = headers.get(RetryKeys.PREVIOUS_ATTEMPTS);
        if (previous == null) {
            return "1";
        }
        try {
            return Integer.toString(Integer.parseInt(previous.trim()) + 1);
        } catch (NumberFormatException e) {
            return "unknown";
        }
    }

    /** The call's log line: DEBUG, so it costs nothing unless asked for (the lab asks; see application.properties). */
    private static void log(String requestId, String method, Object outcome, long startNanos) {
        if (CallLog.LOG.isDebugEnabled()) {
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
            Object previous = MDC.put(RequestIds.MDC_KEY, requestId);
            try {
                CallLog.LOG.debugf("served %s: %s in %d ms (request %s)", method, outcome, millis, requestId);
            } finally {
                restore(previous);
            }
        }
    }

    private static void restore(Object previous) {
        if (previous == null) {
            MDC.remove(RequestIds.MDC_KEY);
        } else {
            MDC.put(RequestIds.MDC_KEY, previous);
        }
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }
}
