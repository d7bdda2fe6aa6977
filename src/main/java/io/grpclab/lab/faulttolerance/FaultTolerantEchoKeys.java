package io.grpclab.lab.faulttolerance;

import io.smallrye.config.FallbackConfigSourceInterceptor;

/**
 * The MicroProfile Fault Tolerance keys of {@link FaultTolerantEcho} are named after its class, and they are documented
 * (and set by users) as {@code io.grpclab.faulttolerance.FaultTolerantEcho/call/...}, the class's name before it moved
 * into the lab. A key under the class's name falls back to the same key under that name, so the documented keys keep
 * working (a key under the new name wins). Registered in META-INF/services, which SmallRye Config reads at start.
 */
public class FaultTolerantEchoKeys extends FallbackConfigSourceInterceptor {

    static final String DOCUMENTED = "io.grpclab.faulttolerance.FaultTolerantEcho/";
    static final String ACTUAL = "io.grpclab.lab.faulttolerance.FaultTolerantEcho/";

    public FaultTolerantEchoKeys() {
        super(name -> name.startsWith(ACTUAL) ? DOCUMENTED + name.substring(ACTUAL.length()) : name);
    }
}
