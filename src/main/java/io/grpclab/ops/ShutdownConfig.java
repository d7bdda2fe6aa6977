package io.grpclab.ops;

import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Graceful shutdown; the HTTP side is Quarkus's {@code quarkus.shutdown.*}. */
@ConfigMapping(prefix = "lab.shutdown")
public interface ShutdownConfig {

    /** How long gRPC calls in flight may finish once shutdown starts; new calls are refused meanwhile. */
    @WithDefault("20s")
    @DurationMin(millis = 0)
    @DurationMax(minutes = 10)
    Duration grpcGrace();
}
