/**
 * The HTTP edge in front of every route: problems (problem+json), request ids, the HTTP request's deadline and
 * metadata for its gRPC call (HttpToGrpc), metadata mapping, the deadline budget, body and header limits, trusted
 * proxies, security headers. May use the policies and grpc.
 */
package io.grpclab.edge;
