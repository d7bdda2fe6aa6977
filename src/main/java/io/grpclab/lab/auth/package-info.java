/**
 * The auth scenarios (/demo/auth/*): Basic, session and token flows run step by step against the auth service,
 * refusals included.
 */
package io.grpclab.lab.auth;
