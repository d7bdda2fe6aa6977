package io.grpclab.keepalive;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Singleton;

import io.grpc.netty.NettyServerBuilder;
import io.grpclab.grpc.ServerConfig;
import io.quarkus.grpc.api.ServerBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.vertx.grpc.VertxServerBuilder;

/**
 * Applies {@code lab.grpc.server.*} (keepalive timeout, connection and stream limits) to grpc-java's
 * Netty server builder.
 */
@Singleton
public class ServerTransportCustomizer implements ServerBuilderCustomizer<VertxServerBuilder> {

    private final ServerConfig config;

    ServerTransportCustomizer(ServerConfig config) {
        this.config = config;
    }

    @Override
    public void customize(GrpcServerConfiguration serverConfig, VertxServerBuilder builder) {
        NettyServerBuilder netty = builder.nettyBuilder();
        config.keepAliveTimeout().ifPresent(d -> netty.keepAliveTimeout(d.toNanos(), TimeUnit.NANOSECONDS));
        netty.maxConcurrentCallsPerConnection(config.maxConcurrentCallsPerConnection());
        netty.maxRstFramesPerWindow(config.maxRstFramesPerWindow(),
                (int) Math.max(1, config.rstFramesWindow().toSeconds()));
        netty.maxConnectionIdle(config.maxConnectionIdle().toNanos(), TimeUnit.NANOSECONDS);
        netty.maxConnectionAge(config.maxConnectionAge().toNanos(), TimeUnit.NANOSECONDS);
        netty.maxConnectionAgeGrace(config.maxConnectionAgeGrace().toNanos(), TimeUnit.NANOSECONDS);
    }
}
