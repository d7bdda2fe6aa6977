/**
 * The HTTP edge in front of every route: problems (problem+json), request ids, metadata mapping, the deadline budget,
 * body and header limits, trusted proxies, security headers. May use the policies and grpc.
 */
package io.grpclab.gateway;
