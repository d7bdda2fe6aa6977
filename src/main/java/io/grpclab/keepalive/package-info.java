/**
 * The server's keepalive and transport limits beyond Quarkus's keys. Policy floor: may use grpc only.
 */
package io.grpclab.keepalive;
