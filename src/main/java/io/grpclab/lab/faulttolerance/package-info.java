/**
 * The fault-tolerance scenario (/demo/fault-tolerance): SmallRye retries, timeout and circuit breaker around
 * grpc-java's own retries, attempt by attempt.
 */
package io.grpclab.lab.faulttolerance;
