/**
 * The TLS scenario (/demo/tls): the handshake the gateway's channel made and the certificates on both ends.
 */
package io.grpclab.lab.tls;
