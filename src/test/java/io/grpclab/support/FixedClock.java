package io.grpclab.support;

import java.time.Instant;

import io.grpclab.faults.WallClock;
import io.quarkus.test.junit.QuarkusMock;

/** Stops the seed-window faults' clock at one instant, for the test that installs it. */
public final class FixedClock {

    private FixedClock() {
    }

    public static void at(String instant) {
        QuarkusMock.installMockForType(new WallClock() {
            @Override
            public Instant now() {
                return Instant.parse(instant);
            }
        }, WallClock.class);
    }
}
