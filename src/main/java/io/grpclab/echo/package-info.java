/**
 * The seed's EchoService: waits, echoes, and sets the trailers the tutorial expects, with the waits a caller can
 * watch end. Service floor: may use ops, the HTTP edge, the policies and grpc.
 */
package io.grpclab.echo;
