package io.grpclab.tls;

import java.util.Map;

import jakarta.inject.Singleton;

import io.grpc.netty.InternalNettyChannelBuilder;
import io.grpc.netty.InternalProtocolNegotiators;
import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.grpc.GatewayChannel;
import io.netty.handler.ssl.SslContext;
import io.quarkus.grpc.api.ChannelBuilderCustomizer;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;

/**
 * The gateway's channels trust {@code quarkus.grpc.clients.<name>.ssl.trust-store} (and present its client
 * certificate) through managers that reload the files. Quarkus builds a channel's TLS from those files once, after
 * the customizers; setting a protocol negotiator is the one way to keep ours, since grpc-java then ignores the
 * SslContext Quarkus sets (grpc-netty's internal API).
 */
@Singleton
class GatewayChannelTlsCustomizer implements ChannelBuilderCustomizer<NettyChannelBuilder> {

    private final ReloadingCertificates certificates;

    GatewayChannelTlsCustomizer(ReloadingCertificates certificates) {
        this.certificates = certificates;
    }

    @Override
    public Map<String, Object> customize(String name, GrpcClientConfiguration config, NettyChannelBuilder builder) {
        if (config.plainText().orElse(false) || config.ssl().trustStore().isEmpty()) {
            return Map.of();
        }
        // A channel without a client certificate of its own presents the lab channel's: every gateway channel is the
        // same gateway to the server, and a server that requires client certificates must accept each of them.
        GrpcClientConfiguration.SslClientConfig own = config.ssl();
        GrpcClientConfiguration.SslClientConfig ssl = own.certificate().isEmpty() && !name.equals(GatewayChannel.NAME)
                ? GatewayChannel.configuration().clients().get(GatewayChannel.NAME).ssl()
                : own;
        SslContext context = certificates.clientContext(own.trustStore().get(), ssl.certificate(), ssl.key());
        InternalNettyChannelBuilder.setProtocolNegotiatorFactory(builder,
                () -> InternalProtocolNegotiators.tls(context, null, null));
        return Map.of();
    }
}
