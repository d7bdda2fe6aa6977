package io.grpclab.lab.explorer;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import jakarta.validation.constraints.Pattern;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Other gRPC servers the explorer may call, by name ({@code lab.explorer.targets.<name>.address}): only these, never
 * an address a request names, so that the explorer cannot be made to reach into the network behind the app. Their
 * services are read from their reflection service. None by default.
 */
@ConfigMapping(prefix = "lab.explorer")
public interface ExplorerConfig {

    /** The name this app's own services go by. */
    String SELF = "self";

    Map<String, Target> targets();

    interface Target {

        /** host:port */
        @Pattern(regexp = "[A-Za-z0-9.\\-]{1,253}:[0-9]{1,5}", message = "must be host:port")
        String address();

        /** No TLS to this server; credentials are then never sent to it. */
        @WithDefault("false")
        boolean plainText();

        /** The PEM of the CA that signs its certificate; the system's trust store when absent. */
        Optional<Path> trustStore();
    }
}
