package io.grpclab.grpc;

import java.util.Comparator;
import java.util.Objects;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.ExceptionHandler;
import io.quarkus.grpc.ExceptionHandlerProvider;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;

/**
 * How a gRPC service's exceptions reach the caller. Replaces Quarkus's default, which describes any
 * exception as "class name - message" in every profile and, for exceptions without trailers, sends the
 * request's own metadata back as trailers (authorization header included). Here a status exception keeps
 * its status, security failures go through the auth mapping, and anything else is INTERNAL with a
 * description that points at the log, where the details go.
 */
@Singleton
class SafeExceptionHandlerProvider implements ExceptionHandlerProvider {

    private static final Logger LOG = Logger.getLogger(SafeExceptionHandlerProvider.class);

    private final AuthExceptionHandlerProvider auth;

    /** The auth mapping with the highest priority, as Quarkus's security interceptor picks it. */
    SafeExceptionHandlerProvider(Instance<AuthExceptionHandlerProvider> auth) {
        this.auth = auth.stream().max(Comparator.comparingInt(AuthExceptionHandlerProvider::getPriority)).orElse(null);
    }

    @Override
    public <Q, R> ExceptionHandler<Q, R> createHandler(ServerCall.Listener<Q> listener, ServerCall<Q, R> call,
            Metadata metadata) {
        return new ExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable failure, ServerCall<Q, R> serverCall, Metadata ignored) {
                StatusException status = toStatus(failure);
                try {
                    serverCall.close(status.getStatus(),
                            status.getTrailers() != null ? status.getTrailers() : new Metadata());
                } catch (IllegalStateException alreadyClosed) {
                    LOG.debug("The call was already closed", alreadyClosed);
                }
            }
        };
    }

    @Override
    public Throwable transform(Throwable failure) {
        return toStatus(failure);
    }

    private StatusException toStatus(Throwable failure) {
        if (failure instanceof StatusException status) {
            return status;
        }
        if (failure instanceof StatusRuntimeException status) {
            return new StatusException(status.getStatus(), status.getTrailers());
        }
        if (auth != null && auth.handlesException(failure)) {
            return auth.transformToStatusException(failure);
        }
        String requestId = Objects.requireNonNullElse(RequestIds.ofCurrentCall(), "unknown");
        LOG.errorf("Unexpected %s in a gRPC service (request %s): %s", failure.getClass().getSimpleName(), requestId,
                failure.getMessage());
        LOG.debug("Unexpected failure", failure);
        return Status.INTERNAL.withDescription("the server failed unexpectedly; its log has the details (request "
                + requestId + ")").asException();
    }
}
