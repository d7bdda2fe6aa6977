package io.grpclab;

import java.util.Map;

import io.grpclab.support.PackagedApp;
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
        int[] ports = PackagedApp.freePorts(4);
        grpcPort = ports[0];
        managementPort = ports[1];
        proxyPort = ports[2];
        return Map.of("quarkus.profile", "lab", "quarkus.grpc.server.port", Integer.toString(grpcPort),
                "quarkus.http.ssl-port", Integer.toString(ports[3]), "quarkus.management.port",
                Integer.toString(managementPort), "lab.tls.dir", CERTS, "lab.network.proxy-port",
                Integer.toString(proxyPort));
    }

    @Override
    public void stop() {
    }
}
