package io.grpclab.faults;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/** The time the seed-window faults follow; a bean so that tests can set it. */
@ApplicationScoped
public class WallClock {

    public Instant now() {
        return Instant.now();
    }
}
