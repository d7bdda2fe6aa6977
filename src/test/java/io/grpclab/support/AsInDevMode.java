package io.grpclab.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The lab with dev mode's timings: the tests' shorter circuit-breaker delay (300 ms) and @Timeout (500 ms) put back to
 * the annotations' 5 s and 2 s, for tests that run the README's examples as a newcomer would, one after another (its
 * "the breaker is open now" needs the breaker to stay open between two commands).
 */
public class AsInDevMode implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("io.grpclab.faulttolerance.FaultTolerantEcho/call/CircuitBreaker/delay", "5000",
                "io.grpclab.faulttolerance.FaultTolerantEcho/call/Timeout/value", "2000");
    }
}
