package io.grpclab.lab.faulttolerance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FaultTolerantEchoKeysTest {

    /** The interceptor names the class in a literal (it is loaded before any bean); it must be the class's name. */
    @Test
    void theKeysItTranslatesAreTheClasssOwn() {
        assertThat(FaultTolerantEchoKeys.ACTUAL).isEqualTo(FaultTolerantEcho.class.getName() + "/");
    }
}
