/**
 * The keepalive scenario (/demo/keepalive): the settings each side uses and what they mean together.
 */
package io.grpclab.lab.keepalive;
