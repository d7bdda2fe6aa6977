package io.grpclab.support;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;

import javax.net.ssl.SSLException;

import io.grpc.ManagedChannel;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyChannelBuilder;
import io.quarkus.arc.Arc;
import io.quarkus.grpc.runtime.GrpcServer;
import io.quarkus.value.registry.ValueRegistry;

/** Channels from a test to the app's gRPC server, built here so that each test controls TLS and retries. */
public final class TestGrpc {

    /** Where the test profile keeps the development CA and certificates (lab.tls.dir). */
    public static final Path CERTS = Path.of("target/test-certs");

    private TestGrpc() {
    }

    /** The port the gRPC server really listens on (the test profile asks for a random one). */
    public static int port() {
        return Arc.container().instance(ValueRegistry.class).get().get(GrpcServer.GRPC_SERVER).getPort();
    }

    /** TLS, trusting the development CA. */
    public static ManagedChannel tls() {
        return tls(CERTS.resolve("ca.crt"));
    }

    public static ManagedChannel tls(Path trustedCa) {
        return tls(port(), trustedCa);
    }

    /** TLS to a server on this port, the packaged app's included (no Quarkus in this JVM to ask). */
    public static ManagedChannel tls(int port, Path trustedCa) {
        return tlsBuilder(port, trustedCa).build();
    }

    /** TLS with retries under the given service config (numbers as Double, as grpc-java wants them). */
    public static ManagedChannel tlsWithServiceConfig(Map<String, ?> serviceConfig, int maxRetryAttempts) {
        return tlsBuilder(port(), CERTS.resolve("ca.crt")).defaultServiceConfig(serviceConfig).enableRetry()
                .maxRetryAttempts(maxRetryAttempts).build();
    }

    /** TLS, presenting the development client certificate (mutual TLS). */
    public static ManagedChannel tlsWithClientCertificate() {
        try {
            return NettyChannelBuilder.forAddress("localhost", port())
                    .sslContext(GrpcSslContexts.forClient().trustManager(CERTS.resolve("ca.crt").toFile())
                            .keyManager(CERTS.resolve("client.crt").toFile(), CERTS.resolve("client.key").toFile())
                            .build())
                    .build();
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static ManagedChannel plaintext() {
        return NettyChannelBuilder.forAddress("localhost", port()).usePlaintext().build();
    }

    private static NettyChannelBuilder tlsBuilder(int port, Path trustedCa) {
        try {
            return NettyChannelBuilder.forAddress("localhost", port)
                    .sslContext(GrpcSslContexts.forClient().trustManager(new File(trustedCa.toString())).build());
        } catch (SSLException e) {
            throw new IllegalStateException(e);
        }
    }
}
