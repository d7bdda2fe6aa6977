package io.grpclab.lab.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.grpclab.auth.TokenService;

/** Tokens the token flow of {@code /demo/auth} shows being refused: expired, tampered with, unsigned. */
@Singleton
class ForgedTokens {

    private static final String NOT_A_TOKEN = "not.a.token";

    private final TokenService tokens;
    private final ObjectMapper json;

    ForgedTokens(TokenService tokens, ObjectMapper json) {
        this.tokens = tokens;
        this.json = json;
    }

    /** A correctly signed token for the user that expired a minute ago; empty when tokens are off. */
    String expired(String user) {
        return tokens.enabled() ? tokens.issue(user, List.of("user"), Duration.ofMinutes(-1)) : "";
    }

    /** The token with its payload's groups set to admin, the signature left as it was. */
    String tampered(String token) {
        return rewritePayload(token, payload -> {
            payload.putArray("groups").add("admin");
            return payload;
        }, true);
    }

    /** The token's claims under a header that says alg: none, and no signature. */
    String unsigned(String token) {
        return rewritePayload(token, Function.identity(), false);
    }

    private String rewritePayload(String token, Function<ObjectNode, ObjectNode> change, boolean keepSignature) {
        String[] parts = token == null ? new String[0] : token.split("\\.");
        if (parts.length != 3) {
            return NOT_A_TOKEN;
        }
        Base64.Decoder decoder = Base64.getUrlDecoder();
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        try {
            ObjectNode payload = (ObjectNode) json.readTree(decoder.decode(parts[1]));
            String claims = encoder.encodeToString(json.writeValueAsBytes(change.apply(payload)));
            String header = keepSignature ? parts[0]
                    : encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
            return header + "." + claims + "." + (keepSignature ? parts[2] : "");
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            return NOT_A_TOKEN;
        }
    }
}
