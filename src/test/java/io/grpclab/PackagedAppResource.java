package io.grpclab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The packaged app as a newcomer tries it: the lab profile ({@code java -Dquarkus.profile=lab -jar ...}, or the
 * native executable with the same property), on free ports (a packaged app runs in normal mode, where a random gRPC
 * port could not be shared with the gateway's channel), with its own certificate directory, empty at first.
 */
public class PackagedAppResource implements QuarkusTestResourceLifecycleManager {

    /** The management port the app was given (health and metrics). */
    static volatile int managementPort;
    /** The gRPC server's port (TLS, reflection on). */
    static volatile int grpcPort;
    /** The fault proxy's shared listener (the lab profile opens it). */
    static volatile int proxyPort;
    /** Where the app writes the certificates it issues itself. */
    static final String CERTS = "target/packaged-app-certs";

    @Override
    public Map<String, String> start() {
        grpcPort = freePort();
        String grpc = Integer.toString(grpcPort);
        managementPort = freePort();
        proxyPort = freePort();
        return Map.of("quarkus.profile", "lab", "quarkus.grpc.server.port", grpc,
                "quarkus.http.ssl-port", Integer.toString(freePort()), "quarkus.management.port",
                Integer.toString(managementPort), "lab.tls.dir", CERTS, "lab.network.proxy-port",
                Integer.toString(proxyPort));
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
