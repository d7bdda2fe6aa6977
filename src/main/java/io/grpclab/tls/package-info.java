/**
 * TLS for both sides: the development CA, certificate files and their reload, the TLS policy of the gRPC server and
 * of the gateway's channel. Policy floor: may use grpc only.
 */
package io.grpclab.tls;
