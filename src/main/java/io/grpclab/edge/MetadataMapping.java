package io.grpclab.edge;

import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import io.grpc.Metadata;
import io.grpclab.faults.FaultKnobs;
import io.grpclab.grpc.ForwardedFor;
import io.grpclab.grpc.MetadataSize;
import io.grpclab.grpc.RequestIds;

/**
 * Maps HTTP headers to gRPC metadata and back, by the rules of the gRPC HTTP/2 protocol.
 * <ul>
 * <li>Request: each {@code Grpc-Metadata-<key>} header becomes metadata {@code <key>} (lower-cased). Keys
 * use {@code 0-9 a-z _ - .}; {@code grpc-} keys are reserved; hop-by-hop and credential headers
 * ({@code host}, {@code connection}, {@code te}, {@code content-length}, {@code cookie},
 * {@code authorization}, ...) are refused; {@code -bin} values are base64; other values printable ASCII.
 * The total stays within {@code lab.gateway.max-metadata-size}. Fault knobs ({@link FaultKnobs}) are forwarded
 * only where they are on, and the gateway's own demo credential never.</li>
 * <li>Response: gRPC response headers come back as {@code Grpc-Metadata-<key>}, trailers as
 * {@code Grpc-Trailer-<key>}, {@code -bin} values base64-encoded.</li>
 * </ul>
 */
@Singleton
public class MetadataMapping {

    public static final String METADATA_PREFIX = "grpc-metadata-";
    public static final String TRAILER_PREFIX = "grpc-trailer-";

    private static final Pattern KEY = Pattern.compile("[0-9a-z_.\\-]+");
    private static final Set<String> NEVER_FORWARDED = Set.of("host", "connection", "keep-alive", "proxy-connection",
            "te", "trailer", "transfer-encoding", "upgrade", "content-length", "content-type", "content-encoding",
            "user-agent", "cookie", "set-cookie", "authorization", "proxy-authorization", ForwardedFor.KEY.name(),
            "x-session-id");

    private final int maxSize;
    private final boolean knobsEnabled;

    MetadataMapping(EdgeConfig config, FaultKnobs knobs) {
        this.maxSize = config.maxMetadataSize();
        this.knobsEnabled = knobs.enabled();
    }

    /**
     * The metadata that a request's {@code Grpc-Metadata-*} headers ask for (one entry per header line).
     *
     * @throws InvalidParameterException (400) naming the header that breaks a rule
     * @throws MetadataTooLargeException (431) when the total exceeds the limit
     */
    public Metadata fromHeaders(Iterable<Map.Entry<String, String>> headers) {
        Metadata metadata = new Metadata();
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey();
            if (!name.regionMatches(true, 0, METADATA_PREFIX, 0, METADATA_PREFIX.length())) {
                continue;
            }
            String key = checkedKey(name, name.substring(METADATA_PREFIX.length()).toLowerCase(Locale.ROOT));
            add(metadata, name, key, header.getValue());
        }
        checkSize(metadata);
        return metadata;
    }

    /**
     * @throws MetadataTooLargeException (431) when the metadata a call would carry exceeds
     *         lab.gateway.max-metadata-size
     */
    public void checkSize(Metadata metadata) {
        int size = MetadataSize.of(metadata);
        if (size > maxSize) {
            throw new MetadataTooLargeException(size, maxSize);
        }
    }

    /** Adds the response headers as {@code Grpc-Metadata-*} and the trailers as {@code Grpc-Trailer-*}. */
    public void toHeaders(Metadata responseHeaders, Metadata trailers, BiConsumer<String, String> sink) {
        copy(responseHeaders, "Grpc-Metadata-", sink);
        copy(trailers, "Grpc-Trailer-", sink);
    }

    private String checkedKey(String header, String key) {
        if (key.isEmpty() || !KEY.matcher(key).matches()) {
            throw new InvalidParameterException(header,
                    "a gRPC metadata key uses only the characters 0-9 a-z _ - . (HTTP header names are lower-cased)");
        }
        if (key.startsWith("grpc-")) {
            throw new InvalidParameterException(header, "keys starting with grpc- are reserved by gRPC");
        }
        if (key.equals(RequestIds.KEY.name())) {
            throw new InvalidParameterException(header, "send the request id as " + RequestIds.HTTP_HEADER);
        }
        if (!knobsEnabled && FaultKnobs.isKnob(key)) {
            throw new InvalidParameterException(header,
                    "'" + key + "' is a fault knob, and fault knobs are off on this server (" + FaultKnobs.SWITCH
                            + "=false)");
        }
        if (key.equals(FaultKnobs.DEMO_TOKEN.name())) {
            throw new InvalidParameterException(header, "'" + key + "' is reserved for the gateway's own demo calls");
        }
        if (NEVER_FORWARDED.contains(key)) {
            throw new InvalidParameterException(header,
                    "'" + key + "' is a hop-by-hop or credential header and is never forwarded as metadata");
        }
        return key;
    }

    private static void add(Metadata metadata, String header, String key, String value) {
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(value.trim());
            } catch (IllegalArgumentException e) {
                throw new InvalidParameterException(header, "a -bin value must be base64");
            }
            metadata.put(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER), bytes);
            return;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                throw new InvalidParameterException(header,
                        "a metadata value is printable ASCII; send other bytes base64-encoded under a key "
                                + "ending in -bin");
            }
        }
        metadata.put(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER), value);
    }

    private static void copy(Metadata metadata, String prefix, BiConsumer<String, String> sink) {
        for (String key : metadata.keys()) {
            if (key.startsWith("grpc-") || key.equals("content-type")) {
                continue;
            }
            if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
                for (byte[] value : metadata.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
                    sink.accept(prefix + key, Base64.getEncoder().encodeToString(value));
                }
            } else {
                for (String value : metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
                    sink.accept(prefix + key, value);
                }
            }
        }
    }
}
