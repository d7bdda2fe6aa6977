/**
 * The retry scenario (/demo/retry): every attempt inside the channel, checked against the policy's backoff and the
 * server's record.
 */
package io.grpclab.lab.retry;
