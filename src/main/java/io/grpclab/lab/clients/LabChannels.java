package io.grpclab.lab.clients;

import java.nio.file.Path;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.grpc.netty.NettyChannelBuilder;
import io.grpclab.grpc.GatewayChannel;
import io.grpclab.tls.ReloadingCertificates;
import io.quarkus.grpc.runtime.config.GrpcClientConfiguration;

/**
 * Channels of a run's own, secured as the gateway's channel is: plaintext where it is, else its CA (or the system's
 * trust store) and its client certificate. A run that needs its own retry throttling, keepalive or network builds one
 * here and shuts it down when it ends, so that it neither disturbs nor inherits the gateway's connection.
 */
@Singleton
public class LabChannels {

    private final GatewayChannel lab;
    private final ReloadingCertificates certificates;

    LabChannels(GatewayChannel lab, ReloadingCertificates certificates) {
        this.lab = lab;
        this.certificates = certificates;
    }

    /** The builder, with the gateway channel's transport security. */
    public NettyChannelBuilder secured(NettyChannelBuilder builder) {
        if (!lab.summary().tls()) {
            return builder.usePlaintext();
        }
        GrpcClientConfiguration client = lab.clientConfig();
        Optional<Path> ca = client.ssl().trustStore();
        if (ca.isEmpty()) {
            return builder; // the system's trust store
        }
        return builder.sslContext(certificates.clientContext(ca.get(), client.ssl().certificate(), client.ssl().key()));
    }
}
