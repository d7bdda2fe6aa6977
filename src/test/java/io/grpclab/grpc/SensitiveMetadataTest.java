package io.grpclab.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.grpc.Metadata;

class SensitiveMetadataTest {

    @ParameterizedTest
    @ValueSource(strings = { "authorization", "Cookie", "x-session-id", "x-auth-token", "client-secret", "x-api-key",
            "db-password" })
    void credentialsAndSessionsAreSensitive(String key) {
        assertThat(SensitiveMetadata.isSensitive(key)).isTrue();
    }

    @Test
    void describesValuesRedactedAndBinaryInBase64KeepingSeveralAsAListInKeyOrder() {
        Metadata metadata = new Metadata();
        metadata.put(MetadataValues.asciiKey("tenant"), "acme");
        metadata.put(MetadataValues.asciiKey("authorization"), "Bearer s3cr3t");
        metadata.put(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] { 0, 1, 2, (byte) 255 });
        metadata.put(MetadataValues.asciiKey("tag"), "a");
        metadata.put(MetadataValues.asciiKey("tag"), "b");

        assertThat(SensitiveMetadata.describe(metadata)).containsExactly(Map.entry("authorization", "<redacted>"),
                Map.entry("tag", List.of("a", "b")), Map.entry("tenant", "acme"), Map.entry("trace-bin", "AAEC/w=="));
    }

    @Test
    void sizesMetadataAsHttp2CountsIt() {
        Metadata metadata = new Metadata();
        metadata.put(MetadataValues.asciiKey("ab"), "xyz");
        metadata.put(Metadata.Key.of("k-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] { 1, 2, 3 });

        assertThat(MetadataSize.of(metadata)).isEqualTo((2 + 3 + 32) + (5 + 4 + 32));
    }
}
