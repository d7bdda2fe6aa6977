/**
 * The deadline scenario (/demo/deadline): the seed's 1 s deadline against a 2 s server, and where each side ended.
 */
package io.grpclab.lab.deadline;
