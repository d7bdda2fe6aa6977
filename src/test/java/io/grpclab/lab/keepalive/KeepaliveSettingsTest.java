package io.grpclab.lab.keepalive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

class KeepaliveSettingsTest {

    static final KeepaliveSettings.Client SEED_CLIENT = KeepaliveSettings.Client.of(Duration.ofSeconds(10),
            Duration.ofSeconds(5), true);

    static KeepaliveSettings.Server server(long permitTimeMs, boolean permitWithoutCalls) {
        return new KeepaliveSettings.Server(10_000, 5_000, permitTimeMs, permitWithoutCalls, 900_000, 1_800_000,
                60_000);
    }

    @Test
    void theSeedClientGetsAlongWithAServerThatPermitsItsPings() {
        List<KeepaliveSettings.Check> checks = KeepaliveSettings.checks(SEED_CLIENT, server(5_000, true));

        assertThat(checks).hasSize(2).allMatch(KeepaliveSettings.Check::ok);
    }

    @Test
    void pingingFasterThanTheServerPermitsEndsInTooManyPings() {
        List<KeepaliveSettings.Check> checks = KeepaliveSettings.checks(SEED_CLIENT, server(300_000, true));

        assertThat(checks).filteredOn(c -> !c.ok()).singleElement()
                .satisfies(c -> assertThat(c.detail()).contains("too_many_pings", "300000"));
    }

    @Test
    void idlePingsTheServerDoesNotPermitEndInTooManyPings() {
        List<KeepaliveSettings.Check> checks = KeepaliveSettings.checks(SEED_CLIENT, server(5_000, false));

        assertThat(checks).filteredOn(c -> !c.ok()).singleElement()
                .satisfies(c -> assertThat(c.rule()).isEqualTo("idle pings permitted"));
    }

    @Test
    void grpcJavaDefaultsRefuseTheSeedClient() {
        List<KeepaliveSettings.Check> checks = KeepaliveSettings.checks(SEED_CLIENT, server(300_000, false));

        assertThat(checks).noneMatch(KeepaliveSettings.Check::ok);
    }

    @Test
    void aClientTimeBelowTenSecondsIsRaisedAndSaidSo() {
        KeepaliveSettings.Client client = KeepaliveSettings.Client.of(Duration.ofSeconds(1),
                Duration.ofSeconds(5), false);

        assertThat(client.effectiveTimeMs()).isEqualTo(10_000);
        assertThat(KeepaliveSettings.notes(client)).singleElement().asString().contains("raises that", "10000");
    }

    @Test
    void aClientWithoutKeepaliveIsAlwaysCompatible() {
        KeepaliveSettings.Client off = KeepaliveSettings.Client.of(null, Duration.ofSeconds(20), false);

        assertThat(KeepaliveSettings.checks(off, server(300_000, false))).allMatch(KeepaliveSettings.Check::ok);
    }
}
