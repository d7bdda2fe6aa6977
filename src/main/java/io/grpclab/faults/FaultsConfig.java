package io.grpclab.faults;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How SayHello fails on purpose. */
@ConfigMapping(prefix = "lab.faults")
public interface FaultsConfig {

    enum Mode {
        /** Fail only when a call asks to, through the fault knobs. */
        NONE,
        /** The seed's retry server: UNAVAILABLE "Server Unavailable" whenever epoch seconds % 2 < 1. */
        SEED_WINDOW
    }

    /** {@code none} or {@code seed-window}. */
    @WithDefault("none")
    Mode mode();
}
