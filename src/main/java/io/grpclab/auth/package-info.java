/**
 * The auth service: Basic, session and token logins over gRPC (AuthGrpcService, IdentityGrpcService), the user store
 * and password check, the login throttle and the session and revoked-token stores (in memory or Redis), and the
 * interceptor that asks for TLS. Service floor: may use ops, the HTTP edge, the policies and grpc.
 */
package io.grpclab.auth;
