/**
 * What an operator runs it by: metrics of calls at both ends, bounded metric tags, graceful drain of HTTP and gRPC,
 * the start-up check. May use the HTTP edge, the policies and grpc.
 */
package io.grpclab.ops;
