/**
 * The auth service: Basic, session and token logins over gRPC (AuthGrpcService, IdentityGrpcService), the user store
 * and password check, the interceptor that asks for TLS, and the interfaces of the state it keeps (sessions, revoked
 * tokens, the login throttle). Service floor: may use ops, the HTTP edge, the policies and grpc.
 */
package io.grpclab.auth;
