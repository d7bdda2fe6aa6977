package io.grpclab.lab.network;

import java.time.Duration;
import java.util.Optional;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The fault proxy: its shared listener for outside clients, and the bounds of every listener. */
@ConfigMapping(prefix = "lab.network")
public interface NetworkConfig {

    /**
     * A loopback listener that forwards to the gRPC server through the faults set under {@code /demo/network}, for
     * clients of your own (the seed's, grpcurl). Off when unset; 0 takes a free port. Only where /demo is on.
     */
    Optional<@Min(0) @Max(65535) Integer> proxyPort();

    /** Listeners open at once, besides the shared one: each network scenario run opens its own. */
    @WithDefault("4")
    @Min(1)
    @Max(32)
    int maxListeners();

    /** Connections open at once through one listener; more are refused. */
    @WithDefault("64")
    @Min(1)
    @Max(1024)
    int maxConnections();

    /** Faults on one listener at once. */
    @WithDefault("16")
    @Min(1)
    @Max(64)
    int maxFaults();

    /** The longest a fault lasts; every fault has a duration, at most this. */
    @WithDefault("10m")
    Duration maxFaultDuration();
}
