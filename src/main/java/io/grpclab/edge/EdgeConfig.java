package io.grpclab.edge;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the REST gateway ({@code /api/*}). */
@ConfigMapping(prefix = "lab.gateway")
public interface EdgeConfig {

    /** The deadline of a gRPC call when the request sets neither X-Request-Timeout nor grpc-timeout. */
    @WithDefault("5s")
    Duration defaultDeadline();

    /** The longest deadline a request may ask for; more is a 400. */
    @WithDefault("60s")
    Duration maxDeadline();

    /**
     * The most request metadata, in bytes as HTTP/2 counts them (name + value + 32 per entry), the
     * gateway forwards; more is a 431. grpc-java servers refuse more than 8 KiB by default.
     */
    @WithDefault("8192")
    int maxMetadataSize();

    /**
     * Whether Authorization and X-Session-Id may come over plain HTTP. Off in prod: such a request is refused (400)
     * unless a trusted proxy says it arrived over HTTPS (X-Forwarded-Proto). On in the lab, for curl on localhost.
     */
    @WithDefault("false")
    boolean credentialsOverHttp();
}
