package io.grpclab.grpc;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.grpc.Metadata;

/**
 * Metadata as it may be shown in a report or a log line: credentials and session values replaced by
 * {@code <redacted>}, binary ({@code -bin}) values base64-encoded.
 */
public final class SensitiveMetadata {

    public static final String REDACTED = "<redacted>";

    private static final Set<String> KEYS = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "x-api-key");
    private static final List<String> KEY_PARTS = List.of("token", "secret", "password", "session");

    private SensitiveMetadata() {
    }

    public static boolean isSensitive(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return KEYS.contains(lower) || KEY_PARTS.stream().anyMatch(lower::contains);
    }

    /** Each key with its value, or its values when there are several; keys sorted. */
    public static Map<String, Object> describe(Metadata metadata) {
        Map<String, Object> described = new TreeMap<>();
        for (String key : metadata.keys()) {
            List<String> values = values(metadata, key);
            described.put(key, values.size() == 1 ? values.get(0) : values);
        }
        return described;
    }

    /** The values of {@code key}, redacted or base64-encoded as they may be shown. */
    public static List<String> values(Metadata metadata, String key) {
        List<String> values = new ArrayList<>();
        boolean sensitive = isSensitive(key);
        if (key.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
            for (byte[] value : metadata.getAll(Metadata.Key.of(key, Metadata.BINARY_BYTE_MARSHALLER))) {
                values.add(sensitive ? REDACTED : Base64.getEncoder().encodeToString(value));
            }
        } else {
            for (String value : metadata.getAll(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER))) {
                values.add(sensitive ? REDACTED : value);
            }
        }
        return values;
    }
}
