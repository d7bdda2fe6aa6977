package io.grpclab.grpc;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import io.grpc.Channel;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;
import io.quarkus.grpc.runtime.config.GrpcConfiguration;
import io.quarkus.grpc.runtime.config.GrpcServerConfiguration;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.config.SmallRyeConfig;

/**
 * The gateway's channel to the gRPC server ({@code quarkus.grpc.clients.lab.*}) and the effective
 * settings of both ends, as Quarkus resolved them, for reports to show.
 */
@Singleton
public class GatewayChannel {

    /** The channel the gateway calls through, and that retries by the retry policy. */
    public static final String NAME = "lab";
    /** The gateway's second channel, which hedges by the hedging policy ({@code quarkus.grpc.clients.hedging.*}). */
    public static final String HEDGING_NAME = "hedging";

    /** The channel settings a report shows. */
    public record Summary(String target, boolean tls, String trustedCa) {
    }

    private final Channel channel;
    private final GrpcConfiguration grpc;

    GatewayChannel(@GrpcClient(NAME) Channel channel) {
        this.channel = channel;
        this.grpc = configuration();
    }

    /** Quarkus's gRPC configuration, as it resolved it (defaults included). */
    public static GrpcConfiguration configuration() {
        return ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(GrpcConfiguration.class);
    }

    /** Connects at start-up, so that the first call does not pay for the TCP and TLS handshakes. */
    void connectEarly(@Observes StartupEvent started) {
        state(true);
    }

    public Channel channel() {
        return channel;
    }

    public GrpcClientConfiguration clientConfig() {
        return grpc.clients().get(NAME);
    }

    public GrpcServerConfiguration serverConfig() {
        return grpc.server();
    }

    public Summary summary() {
        GrpcClientConfiguration client = clientConfig();
        Optional<Path> ca = client.ssl().trustStore();
        boolean tls = !client.plainText().orElse(ca.isEmpty());
        return new Summary(channel.authority(), tls,
                tls ? ca.map(Path::toString).orElse("(system trust store)") : null);
    }

    /** The channel's connectivity state; {@code connect} asks an idle channel to connect. */
    public ConnectivityState state(boolean connect) {
        return channel instanceof ManagedChannel managed ? managed.getState(connect) : ConnectivityState.READY;
    }
}
