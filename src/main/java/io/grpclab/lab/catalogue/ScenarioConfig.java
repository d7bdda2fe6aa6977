package io.grpclab.lab.catalogue;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The {@code /demo} scenarios. */
@ConfigMapping(prefix = "lab.demo")
public interface ScenarioConfig {

    /** The longest deadline a /demo scenario takes, in ms. */
    int MAX_DEADLINE_MS = 60_000;

    String SWITCH = "lab.demo.enabled";

    /**
     * Whether {@code /demo} answers. Off in prod, where anyone who reaches the port could otherwise run scenarios
     * that make the server wait and fail on purpose; on in dev, test, seed and lab. With it on and fault knobs off,
     * the scenarios still run: the gateway's own calls may use the knobs, outside callers may not.
     */
    @WithDefault("false")
    boolean enabled();
}
