package io.grpclab.echo;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.grpc.Metadata;
import io.grpclab.grpc.MetadataValues;
import io.quarkus.runtime.Startup;

/** Decides how long one Echo call waits: x-echo-delay-ms when the call sends it, else lab.echo.delay. */
@Startup // validates lab.echo.delay at boot
@ApplicationScoped
public class EchoDelay {

    public static final Metadata.Key<String> DELAY_MS = MetadataValues.asciiKey("x-echo-delay-ms");

    private final Duration configured;

    EchoDelay(EchoConfig config) {
        this.configured = config.delay();
        if (configured.isNegative() || configured.compareTo(EchoConfig.MAX_DELAY) > 0) {
            throw new IllegalArgumentException("lab.echo.delay must be between 0s and " + EchoConfig.MAX_DELAY.toSeconds()
                    + "s, was " + configured);
        }
    }

    /**
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT when x-echo-delay-ms is not in 0..30000
     */
    public Duration forCall(Metadata headers) {
        long millis = MetadataValues.longInRange(headers, DELAY_MS, configured.toMillis(), 0,
                EchoConfig.MAX_DELAY.toMillis());
        return Duration.ofMillis(millis);
    }

    public Duration configured() {
        return configured;
    }
}
