/**
 * The metadata scenario (/demo/metadata): request metadata in, trailers out, side by side with what the stack added.
 */
package io.grpclab.lab.metadata;
