package io.grpclab.auth.store;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Session ids: 256 bits from {@link SecureRandom}, URL-safe base64 (43 characters), for every store. Each store holds
 * its own: a static generator would be made when a native image is built and its seed frozen into the executable.
 */
final class SessionIds {

    private static final int ID_BYTES = 32;

    private final SecureRandom random = new SecureRandom();

    String newId() {
        byte[] bytes = new byte[ID_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
