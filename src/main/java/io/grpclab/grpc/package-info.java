/**
 * The gRPC plumbing both wings share: the gateway's channel to the backends (GatewayChannel), call results and logs,
 * deadlines, request ids, metadata rules, failure codes, safe status texts, malformed-request guards. The bottom
 * floor: uses only the generated protocol classes.
 */
package io.grpclab.grpc;
