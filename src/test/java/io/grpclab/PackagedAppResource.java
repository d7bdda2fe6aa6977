package io.grpclab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Settings for the packaged app under test: a free port for its gRPC server and the gateway's channel
 * (a jar runs in normal mode, where a random port could not be shared between the two), and its own
 * certificate directory.
 */
public class PackagedAppResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        String port = Integer.toString(freePort());
        return Map.of("quarkus.grpc.server.port", port, "quarkus.grpc.clients.lab.port", port,
                "lab.tls.dir", "target/it-certs");
    }

    @Override
    public void stop() {
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
