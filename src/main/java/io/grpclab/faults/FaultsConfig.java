package io.grpclab.faults;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How calls fail on purpose: who may use the fault knobs, and how SayHello fails by itself. */
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

    /**
     * Whether every caller may use the fault knobs. Off in prod: a call carrying one gets FAILED_PRECONDITION and the
     * gateway refuses to forward one, while the gateway's own /demo calls still may.
     */
    @WithDefault("false")
    boolean knobsEnabled();
}
