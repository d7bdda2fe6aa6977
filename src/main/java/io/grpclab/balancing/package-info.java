/**
 * Client-side balancing of the gateway's channels: the static name resolver, round robin with health checks, and what
 * each backend did (for /demo/config and metrics). Policy floor: may use grpc only.
 */
package io.grpclab.balancing;
