package io.grpclab.auth;

import jakarta.inject.Singleton;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpclab.grpc.RetryKeys;
import io.quarkus.grpc.auth.AuthExceptionHandler;
import io.quarkus.grpc.auth.AuthExceptionHandlerProvider;
import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * How authentication and authorization failures become gRPC statuses, replacing Quarkus's defaults: no
 * credentials on a protected method is UNAUTHENTICATED (Quarkus says PERMISSION_DENIED), a wrong role
 * PERMISSION_DENIED, throttled logins RESOURCE_EXHAUSTED, oversized credentials INVALID_ARGUMENT; descriptions are ours
 * and say nothing secret, in every profile; and the call is closed with empty trailers (Quarkus's handler sends the
 * request's metadata back, authorization header included).
 */
@Singleton
class AuthStatus implements AuthExceptionHandlerProvider {

    static final String CREDENTIALS_REQUIRED = "credentials required: authorization Basic or Bearer, x-session-id, "
            + "or a client certificate";

    public static Status of(Throwable failure) {
        if (failure instanceof LoginThrottledException throttled) {
            return Status.RESOURCE_EXHAUSTED.withDescription(throttled.getMessage());
        }
        if (failure instanceof StoreUnavailableException unavailable) {
            return Status.UNAVAILABLE.withDescription(unavailable.getMessage());
        }
        if (failure instanceof MalformedCredentialsException malformed) {
            return Status.INVALID_ARGUMENT.withDescription(malformed.getMessage());
        }
        if (failure instanceof AuthenticationException) {
            String message = failure.getMessage();
            return Status.UNAUTHENTICATED.withDescription(message == null ? "authentication failed" : message);
        }
        if (failure instanceof UnauthorizedException) {
            return Status.UNAUTHENTICATED.withDescription(CREDENTIALS_REQUIRED);
        }
        if (failure instanceof ForbiddenException) {
            return Status.PERMISSION_DENIED.withDescription("the caller lacks the role this method requires");
        }
        return Status.PERMISSION_DENIED.withDescription("access denied");
    }

    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 1;
    }

    @Override
    public boolean handlesException(Throwable failure) {
        return failure instanceof AuthenticationException || failure instanceof SecurityException
                || failure instanceof StoreUnavailableException;
    }

    @Override
    public StatusException transformToStatusException(Throwable failure) {
        return of(failure).asException(trailers(failure));
    }

    /** The failure as the call's status, with its trailers. */
    public static StatusRuntimeException asRuntimeException(Throwable failure) {
        return of(failure).asRuntimeException(trailers(failure));
    }

    /**
     * A store that is down is down for every attempt the client's retry policy would make, on this replica and the
     * others that share it: {@code grpc-retry-pushback-ms: -1} tells the client not to retry, so the caller hears of it
     * at once instead of at its deadline.
     */
    static Metadata trailers(Throwable failure) {
        Metadata trailers = new Metadata();
        if (failure instanceof StoreUnavailableException) {
            trailers.put(RetryKeys.RETRY_PUSHBACK, "-1");
        }
        return trailers;
    }

    @Override
    public <Q, R> AuthExceptionHandler<Q, R> createHandler(ServerCall.Listener<Q> listener, ServerCall<Q, R> call,
            Metadata metadata) {
        return new AuthExceptionHandler<>(listener, call, metadata) {
            @Override
            protected void handleException(Throwable exception, ServerCall<Q, R> serverCall, Metadata ignored) {
                if (exception instanceof AuthenticationException || exception instanceof SecurityException
                        || exception instanceof StoreUnavailableException) {
                    serverCall.close(of(exception), trailers(exception));
                } else if (exception instanceof RuntimeException runtime) {
                    throw runtime;
                } else {
                    throw new IllegalStateException(exception);
                }
            }
        };
    }
}
