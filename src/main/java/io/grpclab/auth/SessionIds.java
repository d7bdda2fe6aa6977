package io.grpclab.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Session ids: 256 bits from {@link SecureRandom}, URL-safe base64 (43 characters), for every store. */
final class SessionIds {

    private static final int ID_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private SessionIds() {
    }

    static String newId() {
        byte[] bytes = new byte[ID_BYTES];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
