package io.grpclab.lab.keepalive;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.grpc.ServerConfig;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;

/**
 * The keepalive the gateway's channel and this app's server really apply: their configuration, with
 * grpc-java's defaults where it says nothing.
 */
@ApplicationScoped
public class EffectiveKeepalive {

    /** grpc-java's defaults, for what the configuration leaves unset. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SERVER_TIME = Duration.ofHours(2);
    private static final Duration SERVER_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration SERVER_PERMIT_TIME = Duration.ofMinutes(5);

    private final GatewayChannel channel;
    private final ServerConfig transport;

    EffectiveKeepalive(GatewayChannel channel, ServerConfig transport) {
        this.channel = channel;
        this.transport = transport;
    }

    public KeepaliveSettings.Client client() {
        GrpcClientConfiguration config = channel.clientConfig();
        return KeepaliveSettings.Client.of(config.keepAliveTime().orElse(null),
                config.keepAliveTimeout().orElse(CLIENT_TIMEOUT), config.keepAliveWithoutCalls());
    }

    public KeepaliveSettings.Server server() {
        GrpcServerConfiguration.GrpcServerNettyConfig netty = channel.serverConfig().netty();
        return new KeepaliveSettings.Server(netty.keepAliveTime().orElse(SERVER_TIME).toMillis(),
                transport.keepAliveTimeout().orElse(SERVER_TIMEOUT).toMillis(),
                netty.permitKeepAliveTime().orElse(SERVER_PERMIT_TIME).toMillis(),
                netty.permitKeepAliveWithoutCalls().orElse(false),
                transport.maxConnectionIdle().toMillis(), transport.maxConnectionAge().toMillis(),
                transport.maxConnectionAgeGrace().toMillis());
    }
}
