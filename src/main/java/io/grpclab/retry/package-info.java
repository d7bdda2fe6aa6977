/**
 * The gateway channels' retry and hedging policies, as gRPC service config built from lab.retry and lab.hedging.
 * Policy floor: may use grpc only.
 */
package io.grpclab.retry;
