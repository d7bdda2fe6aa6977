package io.grpclab.grpc;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Who may use the fault knobs ({@link LabKnobs}); {@code lab.faults.mode} is the faults feature's own mapping. */
@ConfigMapping(prefix = "lab.faults")
public interface LabKnobsConfig {

    /**
     * Whether every caller may use the fault knobs. Off in prod: a call carrying one gets FAILED_PRECONDITION and the
     * gateway refuses to forward one, while the gateway's own /demo calls still may.
     */
    @WithDefault("false")
    boolean knobsEnabled();
}
