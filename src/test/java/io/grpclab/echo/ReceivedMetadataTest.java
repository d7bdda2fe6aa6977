package io.grpclab.echo;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.grpc.Metadata;
import io.grpclab.grpc.MetadataValues;

class ReceivedMetadataTest {

    @Test
    void echoesUnderThePrefixAndReadsBackUnderTheOriginalKeys() {
        Metadata received = new Metadata();
        received.put(MetadataValues.asciiKey("tenant"), "acme");
        received.put(Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER), new byte[] { 7 });
        Metadata trailers = new Metadata();
        trailers.put(MetadataValues.asciiKey("custom-header"), "value");

        ReceivedMetadata.echoInto(received, trailers);

        assertThat(trailers.get(MetadataValues.asciiKey("x-received-tenant"))).isEqualTo("acme");
        Metadata readBack = ReceivedMetadata.readFrom(trailers);
        assertThat(readBack.keys()).containsExactlyInAnyOrder("tenant", "trace-bin");
        assertThat(ReceivedMetadata.withoutEcho(trailers).keys()).containsExactly("custom-header");
    }

    @Test
    void stopsAtTheEchoBudgetAndSaysSo() {
        Metadata received = new Metadata();
        for (int i = 0; i < 10; i++) {
            received.put(MetadataValues.asciiKey("k" + i), "v".repeat(1000));
        }
        Metadata trailers = new Metadata();

        ReceivedMetadata.echoInto(received, trailers);

        assertThat(trailers.get(ReceivedMetadata.TRUNCATED)).isEqualTo("true");
        assertThat(ReceivedMetadata.readFrom(trailers).keys()).hasSizeLessThan(10);
    }
}
