package io.grpclab.grpc;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import io.grpc.Metadata;

/** The request id that ties a gateway request, the gRPC call it makes, and their log lines together. */
public final class RequestIds {

    public static final Metadata.Key<String> KEY = MetadataValues.asciiKey("x-request-id");
    public static final String HTTP_HEADER = "X-Request-Id";
    /** The MDC key log lines of a call carry the id under. */
    public static final String MDC_KEY = "requestId";
    public static final String RULE = "1 to 128 characters among A-Z a-z 0-9 . _ : -";

    private RequestIds() {
    }

    /** A random (version 4) UUID; not from SecureRandom: an id needs to be unique, not secret. */
    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** {@value #RULE}; a loop, not a regular expression: every gRPC call and HTTP request asks. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > 128) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.'
                    || c == '_' || c == ':' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    /** The id a call carries if it is well-formed, else a new one (a server does not trust its callers). */
    public static String fromOrNew(Metadata headers) {
        String id = headers.get(KEY);
        return isValid(id) ? id : newId();
    }

    /** The request id of the gRPC call being served, or null outside one. */
    public static String ofCurrentCall() {
        return ServerCallMetadata.REQUEST_ID.get();
    }
}
