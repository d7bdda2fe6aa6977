/**
 * Failures on purpose: the fault knobs a call may carry (FaultKnobs, and the interceptor that refuses them from
 * outside callers where they are off) and the seed's time windows, decided before a service answers. Policy floor:
 * may use grpc only; off in prod unless switched on.
 */
package io.grpclab.faults;
