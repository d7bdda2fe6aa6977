package io.grpclab.grpc;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Settings of the gRPC server that Quarkus has no property for, applied by {@code ServerTransportCustomizer}. The
 * limits have defaults here because grpc-java has none: an open server would take any number of streams per
 * connection and any rate of stream resets (HTTP/2 rapid reset), and keep connections forever.
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

    /**
     * Calls in flight per connection, advertised as SETTINGS_MAX_CONCURRENT_STREAMS; more are refused (REFUSED_STREAM).
     */
    @WithDefault("100")
    @Min(1)
    int maxConcurrentCallsPerConnection();

    /**
     * Streams a client may reset within {@link #rstFramesWindow()} before the server sends GOAWAY ENHANCE_YOUR_CALM.
     */
    @WithDefault("200")
    @Min(1)
    int maxRstFramesPerWindow();

    /** The window of {@link #maxRstFramesPerWindow()}, in whole seconds. */
    @WithDefault("10s")
    Duration rstFramesWindow();

    /** How long the server waits for the ack of its keepalive ping before closing the connection (default 20 s). */
    Optional<Duration> keepAliveTimeout();

    /** Close a connection that has had no call for this long (GOAWAY NO_ERROR "max_idle"). */
    @WithDefault("15m")
    Duration maxConnectionIdle();

    /** Close any connection this old, gracefully: clients reconnect, and spread over replicas. */
    @WithDefault("30m")
    Duration maxConnectionAge();

    /** How long calls in flight may go on after max-connection-age before the connection is closed. */
    @WithDefault("1m")
    Duration maxConnectionAgeGrace();
}
