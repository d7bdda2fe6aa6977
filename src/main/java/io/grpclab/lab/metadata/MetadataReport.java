package io.grpclab.lab.metadata;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpclab.grpc.GatewayChannel;
import io.grpclab.lab.catalogue.Outcome;

/**
 * What {@code GET /demo/metadata} saw.
 *
 * @param metadata the metadata of the call, each side as it was on the wire
 * @param addedOnTheWay keys the server received that the gateway did not send: what the gRPC stack adds
 */
public record MetadataReport(String scenario, Map<String, Object> parameters, Outcome outcome, long elapsedMs,
        Exchange metadata, List<String> addedOnTheWay, GatewayChannel.Summary config) {

    /**
     * Values are strings (a list when a key has several), {@code -bin} values base64, credentials
     * {@code <redacted>}.
     *
     * @param sent the request metadata the gateway sent
     * @param serverReceived what the server says it received (its {@code x-received-*} trailers); absent where it
     *        says nothing
     * @param headers the response headers
     * @param trailers the trailers, without the {@code x-received-*} entries shown as serverReceived
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Exchange(Map<String, Object> sent, Map<String, Object> serverReceived, Map<String, Object> headers,
            Map<String, Object> trailers) {
    }
}
