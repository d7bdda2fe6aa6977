/**
 * The fault proxy: loopback listeners that forward to the gRPC server through network faults (latency, bandwidth,
 * silence, reset, close, refuse) and keep a record of each connection; the shared listener's REST API. Uses the grpc
 * package for the server's address; lab scenarios use it for a network that fails for real.
 */
package io.grpclab.lab.network;
