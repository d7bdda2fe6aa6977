package io.grpclab.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.grpc.Metadata;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.support.ConfigMappings;

class MetadataMappingTest {

    static final EdgeConfig CONFIG = ConfigMappings.of(EdgeConfig.class,
            Map.of("lab.gateway.max-metadata-size", "256", "lab.gateway.credentials-over-http", "true"));

    final MetadataMapping mapping = new MetadataMapping(CONFIG, new FaultKnobs(true, true));

    @Test
    void turnsGrpcMetadataHeadersIntoLowerCaseMetadataAndIgnoresOthers() {
        Metadata metadata = mapping.fromHeaders(List.of(Map.entry("Grpc-Metadata-Tenant", "acme"),
                Map.entry("Accept", "application/json")));

        assertThat(metadata.keys()).containsExactly("tenant");
        assertThat(metadata.get(Metadata.Key.of("tenant", Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("acme");
    }

    @Test
    void decodesBase64ForBinaryKeys() {
        Metadata metadata = mapping.fromHeaders(List.of(Map.entry("grpc-metadata-trace-bin", "AAEC/w==")));

        assertThat(metadata.get(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER)))
                .containsExactly(0, 1, 2, 255);
    }

    @ParameterizedTest
    @ValueSource(strings = { "authorization", "cookie", "host", "connection", "te", "content-length", "grpc-timeout",
            "x-request-id", "x-session-id", "x-forwarded-for", "bad key", "ké" })
    void refusesReservedSensitiveAndMalformedKeysNamingTheHeader(String key) {
        String header = "Grpc-Metadata-" + key;

        assertThatThrownBy(() -> mapping.fromHeaders(List.of(Map.entry(header, "x"))))
                .isInstanceOfSatisfying(InvalidParameterException.class,
                        e -> assertThat(e.params().get(0).name()).isEqualTo(header));
    }

    @Test
    void refusesNonAsciiValuesAndBadBase64() {
        assertThatThrownBy(() -> mapping.fromHeaders(List.of(Map.entry("Grpc-Metadata-name", "Zoë"))))
                .isInstanceOf(InvalidParameterException.class);
        assertThatThrownBy(() -> mapping.fromHeaders(List.of(Map.entry("Grpc-Metadata-x-bin", "not base64!"))))
                .isInstanceOf(InvalidParameterException.class);
    }

    @Test
    void refusesMoreMetadataThanTheLimit() {
        assertThatThrownBy(() -> mapping.fromHeaders(List.of(Map.entry("Grpc-Metadata-big", "x".repeat(300)))))
                .isInstanceOf(MetadataTooLargeException.class).hasMessageContaining("limit is 256");
    }

    @Test
    void returnsHeadersAndTrailersUnderTheirPrefixesWithBinaryInBase64() {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("server-header", Metadata.ASCII_STRING_MARSHALLER), "h");
        Metadata trailers = new Metadata();
        trailers.put(Metadata.Key.of("custom-header", Metadata.ASCII_STRING_MARSHALLER), "value");
        trailers.put(Metadata.Key.of("raw-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] { 0, 1, 2, (byte) 255 });
        trailers.put(Metadata.Key.of("grpc-retry-pushback-ms", Metadata.ASCII_STRING_MARSHALLER), "10");
        Map<String, String> http = new LinkedHashMap<>();

        mapping.toHeaders(headers, trailers, http::put);

        assertThat(http).containsExactly(Map.entry("Grpc-Metadata-server-header", "h"),
                Map.entry("Grpc-Trailer-custom-header", "value"), Map.entry("Grpc-Trailer-raw-bin", "AAEC/w=="));
    }

    @Test
    void whereKnobsAreOffAKnobIsRefusedNamingTheSwitch() {
        MetadataMapping prod = new MetadataMapping(CONFIG, new FaultKnobs(false, true));

        assertThatThrownBy(() -> prod.fromHeaders(List.of(Map.entry("Grpc-Metadata-x-fail-attempts", "1"))))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> assertThat(e.params().get(0).reason())
                        .contains("lab.faults.knobs-enabled=false"));
        assertThat(prod.fromHeaders(List.of(Map.entry("Grpc-Metadata-tenant", "acme"))).keys())
                .containsExactly("tenant");
    }
}
