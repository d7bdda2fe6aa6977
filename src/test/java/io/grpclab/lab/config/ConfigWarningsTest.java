package io.grpclab.lab.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.grpclab.balancing.BackendState;
import io.grpclab.lab.faulttolerance.FaultToleranceSettings;
import io.grpclab.lab.keepalive.KeepaliveSettings;
import io.grpclab.retry.ServiceConfigs;

class ConfigWarningsTest {

    static final ServiceConfigs.RetryPolicy SEED_POLICY = new ServiceConfigs.RetryPolicy(10, "0.1s", "1s", 2.0,
            List.of("UNAVAILABLE"));
    static final ServiceConfigs.HedgingPolicy HEDGING = new ServiceConfigs.HedgingPolicy(3, "0.2s",
            List.of("UNAVAILABLE"));
    static final KeepaliveSettings.Client KEEPALIVE = KeepaliveSettings.Client.of(Duration.ofSeconds(10),
            Duration.ofSeconds(5), true);
    static final ConfigReport.Server SERVER = new ConfigReport.Server(50051,
            new ConfigReport.Tls(true, "/etc/tls/tls.crt", List.of("TLSv1.3"), "NONE", false),
            new KeepaliveSettings.Server(10_000, 5_000, 5_000, true, 900_000, 1_800_000, 60_000), null, Map.of(), 0);
    static final FaultToleranceSettings.Amplification CONTAINED = new FaultToleranceSettings.Amplification(1, 10, 10,
            10, false);

    @Test
    void aPolicyAboveTheChannelCapIsSaidToBeCapped() {
        ConfigReport.Client client = client(new ConfigReport.Retry(true, SEED_POLICY, null, 5, 5));

        assertThat(ConfigWarnings.of(client, SERVER, List.of(), CONTAINED, false)).singleElement().asString()
                .contains("asks for 10 attempts but the channel caps them at 5");
    }

    @Test
    void retriesOffAreSaidToIgnoreThePolicy() {
        ConfigReport.Client client = client(new ConfigReport.Retry(false, SEED_POLICY, null, 10, 1));

        assertThat(ConfigWarnings.of(client, SERVER, List.of(), CONTAINED, false)).singleElement().asString()
                .contains("retries are off on the lab channel");
    }

    @Test
    void anIncompatibleKeepaliveAndKnobsAndAmplificationAreEachSaid() {
        ConfigReport.Client client = client(new ConfigReport.Retry(true, SEED_POLICY, null, 10, 10));
        List<KeepaliveSettings.Check> failing = List.of(
                new KeepaliveSettings.Check("idle pings permitted", false, "x"));
        FaultToleranceSettings.Amplification amplified = new FaultToleranceSettings.Amplification(3, 10, 30, 10, true);

        assertThat(ConfigWarnings.of(client, SERVER, failing, amplified, true)).hasSize(3)
                .anySatisfy(w -> assertThat(w).startsWith("keepalive: idle pings permitted fails"))
                .anySatisfy(w -> assertThat(w).startsWith("retry amplification"))
                .anySatisfy(w -> assertThat(w).startsWith("fault knobs are on"));
    }

    @Test
    void aSoundConfigurationHasNoWarnings() {
        ConfigReport.Client client = client(new ConfigReport.Retry(true, SEED_POLICY, null, 10, 10));

        assertThat(ConfigWarnings.of(client, SERVER, List.of(), CONTAINED, false)).isEmpty();
    }

    @Test
    void backendsOutOfRotationAreNamedWithTheirStateAndHealth() {
        ConfigReport.Retry retry = new ConfigReport.Retry(true, SEED_POLICY, null, 10, 10);
        Instant now = Instant.now();
        ConfigReport.Balancing balancing = new ConfigReport.Balancing("lab_round_robin", "static", "", List.of(
                new BackendState.View("a/10.0.0.1:50051", "READY", null, "SERVING", true, 7, now),
                new BackendState.View("b/10.0.0.2:50051", "READY", null, "NOT_SERVING", false, 3, now),
                new BackendState.View("c/10.0.0.3:50051", "TRANSIENT_FAILURE", "UNAVAILABLE: io exception", "unchecked",
                        false, 0, now)));
        ConfigReport.Client client = new ConfigReport.Client(null, balancing, KEEPALIVE, retry,
                new ConfigReport.Hedging(true, HEDGING, 3, 3, List.of()));

        assertThat(ConfigWarnings.of(client, SERVER, List.of(), CONTAINED, false)).singleElement().asString()
                .isEqualTo("2 of 3 backends of the lab channel get no calls: b/10.0.0.2:50051 (READY, health "
                        + "NOT_SERVING), c/10.0.0.3:50051 (TRANSIENT_FAILURE, health unchecked)");
    }

    private static ConfigReport.Client client(ConfigReport.Retry retry) {
        return new ConfigReport.Client(null, null, KEEPALIVE, retry, new ConfigReport.Hedging(true, HEDGING, 3, 3, List.of()));
    }
}
