package io.grpclab.grpc;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the gRPC server that Quarkus has no property for. The transport ones are applied by
 * {@code ServerTransportCustomizer}; unset means grpc-java's default.
 */
@ConfigMapping(prefix = "lab.grpc.server")
public interface ServerConfig {

    /**
     * The most request metadata a call may carry, in bytes as HTTP/2 counts them (name + value + 32 per
     * entry); more is answered RESOURCE_EXHAUSTED with a description. Keep it below
     * {@code quarkus.grpc.server.max-inbound-metadata-size}, where the transport itself refuses the
     * headers with a bare HTTP 431 or a reset connection.
     */
    @WithDefault("8192")
    int maxMetadataSize();

    /** How long the server waits for the ack of its keepalive ping before closing the connection (default 20 s). */
    Optional<Duration> keepAliveTimeout();

    /** Close a connection that has had no call for this long (default: never). */
    Optional<Duration> maxConnectionIdle();

    /** Close any connection this old, gracefully (default: never). */
    Optional<Duration> maxConnectionAge();

    /** How long calls may go on after max-connection-age before the connection is closed (default: forever). */
    Optional<Duration> maxConnectionAgeGrace();
}
