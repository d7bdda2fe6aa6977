package io.grpclab.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class ServiceConfigsTest {

    @Test
    void buildsTheSeedsServiceConfigAsGrpcJavaReadsIt() {
        ServiceConfigs configs = new ServiceConfigs(retry(10, 2.0, List.of("UNAVAILABLE"), null), hedging());

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
    void addsThrottlingWhenConfigured() {
        ServiceConfigs configs = new ServiceConfigs(retry(10, 2.0, List.of("UNAVAILABLE"), 10), hedging());

        assertThat(configs.forChannel("lab")).containsEntry("retryThrottling", Map.of("maxTokens", 10.0, "tokenRatio", 0.1));
    }

    @Test
    void aNonPositiveMultiplierIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ServiceConfigs(retry(10, 0, List.of("UNAVAILABLE"), null), hedging()))
                .hasMessageStartingWith("lab.retry.backoff-multiplier must be a number above 0");
    }

    @Test
    void anUnknownStatusCodeIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ServiceConfigs(retry(10, 2.0, List.of("UNAVAILABLE", "FLAKY"), null), hedging()))
                .hasMessageStartingWith("lab.retry.retryable-status-codes lists a status")
                .hasMessageContaining("FLAKY");
    }

    @Test
    void maxAttemptsOutOfBoundsIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ServiceConfigs(retry(1, 2.0, List.of("UNAVAILABLE"), null), hedging()))
                .hasMessageStartingWith("lab.retry.max-attempts must be between 2 and 100");
    }

    @Test
    void writesDurationsAsServiceConfigsDo() {
        assertThat(ServiceConfigs.seconds(Duration.ofMillis(100))).isEqualTo("0.1s");
        assertThat(ServiceConfigs.seconds(Duration.ofSeconds(1))).isEqualTo("1s");
        assertThat(ServiceConfigs.seconds(Duration.ofMillis(1500))).isEqualTo("1.5s");
    }

    static RetryConfig retry(int maxAttempts, double multiplier, List<String> codes, Integer maxTokens) {
        return new RetryConfig() {
            public int maxAttempts() {
                return maxAttempts;
            }

            public Duration initialBackoff() {
                return Duration.ofMillis(100);
            }

            public Duration maxBackoff() {
                return Duration.ofSeconds(1);
            }

            public double backoffMultiplier() {
                return multiplier;
            }

            public List<String> retryableStatusCodes() {
                return codes;
            }

            public Throttling throttling() {
                return new Throttling() {
                    public OptionalInt maxTokens() {
                        return maxTokens == null ? OptionalInt.empty() : OptionalInt.of(maxTokens);
                    }

                    public OptionalDouble tokenRatio() {
                        return maxTokens == null ? OptionalDouble.empty() : OptionalDouble.of(0.1);
                    }
                };
            }

            public int amplificationBound() {
                return 10;
            }
        };
    }

    static HedgingConfig hedging() {
        return new HedgingConfig() {
            public int maxAttempts() {
                return 3;
            }

            public Duration delay() {
                return Duration.ofMillis(200);
            }

            public List<String> nonFatalStatusCodes() {
                return List.of("UNAVAILABLE");
            }
        };
    }
}
