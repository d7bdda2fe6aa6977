package io.grpclab.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.grpclab.balancing.Balancing;
import io.grpclab.support.ConfigMappings;

class ServiceConfigCustomizerTest {

    private final Balancing balancing = new Balancing();
    private final ServiceConfigCustomizer customizer = new ServiceConfigCustomizer(
            new ServiceConfigs(ConfigMappings.of(RetryConfig.class, Map.of()),
                    ConfigMappings.of(HedgingConfig.class, Map.of())),
            balancing);

    @AfterEach
    void deregister() {
        balancing.deregister();
    }

    @Test
    void eachGatewayChannelGetsItsPolicyBesideBalancingAndHealthChecks() {
        Map<String, Object> lab = customizer.serviceConfig("lab");
        Map<String, Object> hedging = customizer.serviceConfig("hedging");

        assertThat(lab).containsOnlyKeys("methodConfig", "loadBalancingConfig", "healthCheckConfig");
        assertThat(lab.get("methodConfig")).asList().singleElement().asInstanceOf(MAP).containsKey("retryPolicy");
        assertThat(lab.get("loadBalancingConfig")).isEqualTo(List.of(Map.of("lab_round_robin", Map.of("channel", "lab"))));
        assertThat(hedging).containsOnlyKeys("methodConfig", "loadBalancingConfig", "healthCheckConfig");
        assertThat(hedging.get("methodConfig")).asList().singleElement().asInstanceOf(MAP)
                .containsKey("hedgingPolicy");
        assertThat(hedging.get("healthCheckConfig")).isEqualTo(Map.of("serviceName", ""));
    }

    @Test
    void otherChannelsGetNoServiceConfig() {
        assertThat(customizer.serviceConfig("seed-client")).isEmpty();
    }
}
