package io.grpclab.keepalive;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * grpc-java server transport settings Quarkus has no property for; {@link ServerTransportCustomizer}
 * applies them. Unset means grpc-java's default.
 */
@ConfigMapping(prefix = "lab.grpc.server")
public interface ServerTransportConfig {

    /** How long the server waits for the ack of its keepalive ping before closing the connection (default 20 s). */
    Optional<Duration> keepAliveTimeout();

    /** Close a connection that has had no call for this long (default: never). */
    Optional<Duration> maxConnectionIdle();

    /** Close any connection this old, gracefully (default: never). */
    Optional<Duration> maxConnectionAge();

    /** How long calls may go on after max-connection-age before the connection is closed (default: forever). */
    Optional<Duration> maxConnectionAgeGrace();
}
