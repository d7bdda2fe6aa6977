package io.grpclab.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import io.grpclab.support.ConfigMappings;

class DeadlineBudgetTest {

    final DeadlineBudget budget = new DeadlineBudget(ConfigMappings.of(EdgeConfig.class, Map.of()));

    @Test
    void usesTheDefaultWhenTheRequestSaysNothing() {
        assertThat(budget.timeout(null, null)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void readsMillisecondsFromXRequestTimeout() {
        assertThat(budget.timeout("250", null)).isEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @CsvSource({ "1M,PT1M", "2S,PT2S", "500m,PT0.5S", "1500u,PT0.0015S", "2000000n,PT0.002S" })
    void readsGrpcTimeoutInEachUnit(String header, Duration expected) {
        assertThat(budget.timeout(null, header)).isEqualTo(expected);
    }

    @Test
    void takesTheShorterWhenBothAreSent() {
        assertThat(budget.timeout("300", "1S")).isEqualTo(Duration.ofMillis(300));
        assertThat(budget.timeout("3000", "1S")).isEqualTo(Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-5", "60001", "1s", "soon" })
    void refusesAnXRequestTimeoutOutOfBounds(String header) {
        assertThatThrownBy(() -> budget.timeout(header, null)).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.params()).singleElement()
                        .satisfies(p -> assertThat(p.name()).isEqualTo("X-Request-Timeout")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0m", "1H", "2M", "123456789m", "10", "10x", "-1S" })
    void refusesAGrpcTimeoutOutOfBounds(String header) {
        assertThatThrownBy(() -> budget.timeout(null, header)).isInstanceOfSatisfying(InvalidParameterException.class,
                e -> assertThat(e.params()).singleElement()
                        .satisfies(p -> assertThat(p.name()).isEqualTo("grpc-timeout")));
    }
}
