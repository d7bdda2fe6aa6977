package io.grpclab.auth;

import jakarta.inject.Singleton;

import io.grpc.ForwardingServerCall;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpclab.grpc.CredentialMetadata;
import io.grpclab.ops.LabMetrics;
import io.quarkus.grpc.GlobalInterceptor;

/**
 * Counts calls refused UNAUTHENTICATED or PERMISSION_DENIED, by method and by the mechanism the call tried
 * (basic, token, session, mtls, or none when it sent no credentials).
 */
@Singleton
@GlobalInterceptor
class AuthFailureMetrics implements ServerInterceptor {

    private final LabMetrics metrics;

    AuthFailureMetrics(LabMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return next.startCall(new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                if (status.getCode() == Status.Code.UNAUTHENTICATED
                        || status.getCode() == Status.Code.PERMISSION_DENIED) {
                    metrics.authFailure(call.getMethodDescriptor().getFullMethodName(), mechanism(call, headers));
                }
                super.close(status, trailers);
            }
        }, headers);
    }

    static String mechanism(ServerCall<?, ?> call, Metadata headers) {
        String authorization = headers.get(CredentialMetadata.AUTHORIZATION);
        if (authorization != null) {
            return authorization.regionMatches(true, 0, "Bearer ", 0, 7) ? Mechanisms.TOKEN : Mechanisms.BASIC;
        }
        if (headers.containsKey(CredentialMetadata.SESSION_ID)) {
            return Mechanisms.SESSION;
        }
        return TransportSecurityInterceptor.callerCertificate(call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION),
                headers) != null ? Mechanisms.MTLS : "none";
    }
}
