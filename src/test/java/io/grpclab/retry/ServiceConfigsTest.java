package io.grpclab.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.InstanceOfAssertFactories.MAP;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.grpclab.support.ConfigMappings;

class ServiceConfigsTest {

    @Test
    void buildsTheSeedsServiceConfigAsGrpcJavaReadsIt() {
        ServiceConfigs configs = configs(Map.of());

        assertThat(configs.forChannel("lab")).isEqualTo(Map.of("methodConfig", List.of(Map.of(
                "name", List.of(Map.of()),
                "retryPolicy", Map.of("maxAttempts", 10.0, "initialBackoff", "0.1s", "maxBackoff", "1s",
                        "backoffMultiplier", 2.0, "retryableStatusCodes", List.of("UNAVAILABLE"))))));
        assertThat(configs.forChannel("hedging")).isEqualTo(Map.of("methodConfig", List.of(Map.of(
                "name", List.of(Map.of()),
                "hedgingPolicy", Map.of("maxAttempts", 3.0, "hedgingDelay", "0.2s",
                        "nonFatalStatusCodes", List.of("UNAVAILABLE"))))));
        assertThat(configs.forChannel("other")).isEmpty();
    }

    @Test
    void theLabChannelHedgesTheGatewayMethodsAndRetriesTheRest() {
        ServiceConfigs configs = configs(Map.of("lab.hedging.gateway-methods", "EchoService/Echo,grpclab.Hello"));

        List<?> methodConfigs = (List<?>) configs.forChannel("lab").get("methodConfig");
        assertThat(methodConfigs).hasSize(2);
        assertThat(methodConfigs.get(0)).isEqualTo(Map.of(
                "name", List.of(Map.of("service", "EchoService", "method", "Echo"), Map.of("service", "grpclab.Hello")),
                "hedgingPolicy", Map.of("maxAttempts", 3.0, "hedgingDelay", "0.2s",
                        "nonFatalStatusCodes", List.of("UNAVAILABLE"))));
        assertThat(methodConfigs.get(1)).asInstanceOf(MAP).containsEntry("name", List.of(Map.of()))
                .containsKey("retryPolicy");
        assertThat(configs.hedgedGatewayMethods()).containsExactly("EchoService/Echo", "grpclab.Hello");
        assertThat(configs.gatewayHedges("EchoService", "Echo")).isTrue();
        assertThat(configs.gatewayHedges("grpclab.Hello", "Any")).as("a whole service").isTrue();
        assertThat(configs.gatewayHedges("EchoService", "Other")).isFalse();
    }

    @Test
    void addsThrottlingWhenConfigured() {
        ServiceConfigs configs = configs(Map.of("lab.retry.throttling.max-tokens", "10",
                "lab.retry.throttling.token-ratio", "0.1"));

        assertThat(configs.forChannel("lab"))
                .containsEntry("retryThrottling", Map.of("maxTokens", 10.0, "tokenRatio", 0.1));
    }

    @Test
    void readsStatusNamesInAnyCaseInStatusCodeOrder() {
        ServiceConfigs configs = configs(Map.of("lab.retry.retryable-status-codes", "unavailable,RESOURCE_EXHAUSTED"));

        assertThat(configs.retryPolicy().retryableStatusCodes()).containsExactly("RESOURCE_EXHAUSTED", "UNAVAILABLE");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = { "lab.retry.max-attempts;1", "lab.retry.max-attempts;101",
            "lab.retry.backoff-multiplier;0", "lab.retry.initial-backoff;0s", "lab.retry.max-backoff;-1s",
            "lab.retry.retryable-status-codes;OK", "lab.retry.retryable-status-codes;UNAVAILABLE,FLAKY",
            "lab.hedging.max-attempts;1",
            "lab.hedging.delay;0s", "lab.hedging.non-fatal-status-codes;OK",
            "lab.hedging.gateway-methods;Echo Service/Echo", "lab.hedging.gateway-methods;EchoService/Echo/More" })
    void aValueOutOfItsBoundsIsRefusedNamingTheKey(String key, String value) {
        assertThatThrownBy(() -> configs(Map.of(key, value))).hasMessageContaining(key);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = { "lab.retry.throttling.max-tokens;0;lab.retry.throttling.token-ratio;0.5",
            "lab.retry.throttling.token-ratio;1.5;lab.retry.throttling.max-tokens;10" })
    void aThrottlingValueOutOfItsBoundsIsRefusedNamingTheKey(String key, String value, String partner, String valid) {
        assertThatThrownBy(() -> configs(Map.of(key, value, partner, valid))).hasMessageContaining(key)
                .hasMessageNotContaining("set both or neither");
    }

    @Test
    void throttlingKeysGoTogether() {
        assertThatThrownBy(() -> configs(Map.of("lab.retry.throttling.max-tokens", "10")))
                .hasMessageContaining("set both or neither");
    }

    @Test
    void writesDurationsAsServiceConfigsDo() {
        assertThat(ServiceConfigs.seconds(Duration.ofMillis(100))).isEqualTo("0.1s");
        assertThat(ServiceConfigs.seconds(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(ServiceConfigs.seconds(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }

    private static ServiceConfigs configs(Map<String, String> values) {
        return new ServiceConfigs(ConfigMappings.of(RetryConfig.class, values),
                ConfigMappings.of(HedgingConfig.class, values));
    }
}
