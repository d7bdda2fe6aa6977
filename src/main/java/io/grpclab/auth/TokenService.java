package io.grpclab.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwt.consumer.InvalidJwtException;

import io.grpclab.tls.KeyFiles;
import io.quarkus.runtime.Startup;
import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.mutiny.Uni;

/**
 * Signs and verifies the lab's tokens with smallrye-jwt: ES256 only (so {@code alg: none} and any other
 * algorithm are refused), {@code exp}, {@code iss} and {@code aud} required and checked with a bounded clock
 * skew. Keys come from {@code lab.auth.jwt.private-key}/{@code public-key}; in dev and test a key pair is
 * created there when missing. Without keys, tokens are off and say so. Logout revokes a token until it
 * expires.
 */
@Startup
@ApplicationScoped
public class TokenService {

    /** A verified token. */
    public record Verified(String subject, Set<String> groups, String id, Instant expiresAt) {
    }

    /** A refused token, and why, in words safe to show. */
    public static class InvalidTokenException extends RuntimeException {
        InvalidTokenException(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Logger LOG = Logger.getLogger(TokenService.class);

    private final AuthConfig.Jwt config;
    private final Optional<PrivateKey> signingKey;
    private final Optional<DefaultJWTParser> parser;
    private final RevokedTokens revoked;

    TokenService(AuthConfig auth, RevokedTokens revoked) {
        this.config = auth.jwt();
        this.revoked = revoked;
        Optional<KeyPair> keys = loadOrCreate();
        this.signingKey = keys.map(KeyPair::getPrivate);
        this.parser = keys.map(k -> new DefaultJWTParser(contextInfo(k.getPublic())));
    }

    public boolean enabled() {
        return signingKey.isPresent();
    }

    /** A token for the user, valid for {@code lifetime} (negative: already expired, for demonstrations). */
    public String issue(String user, List<String> roles, Duration lifetime) {
        Instant now = Instant.now();
        return Jwt.issuer(config.issuer()).audience(config.audience()).subject(user).upn(user)
                .groups(new HashSet<>(roles)).issuedAt(now.minus(lifetime.isNegative() ? lifetime.abs().plusMinutes(1)
                        : Duration.ZERO))
                .expiresAt(now.plus(lifetime)).claim("jti", UUID.randomUUID().toString())
                .jws().algorithm(SignatureAlgorithm.ES256).sign(signingKey.orElseThrow(this::disabled));
    }

    public Duration lifetime() {
        return config.lifetime();
    }

    /**
     * The token's claims once its signature, exp, issuer and audience hold and it was not revoked; else a failure with
     * {@link InvalidTokenException} (or {@link StoreUnavailableException} when the revocations cannot be read).
     */
    public Uni<Verified> verify(String token) {
        if (parser.isEmpty()) {
            return Uni.createFrom().failure(
                    new InvalidTokenException("tokens are not enabled on this server (no signing key configured)"));
        }
        Verified verified;
        try {
            var jwt = parser.get().parse(token);
            verified = new Verified(jwt.getSubject(), jwt.getGroups(), jwt.getTokenID(),
                    Instant.ofEpochSecond(jwt.getExpirationTime()));
        } catch (ParseException e) {
            return Uni.createFrom().failure(new InvalidTokenException(reason(e)));
        }
        if (verified.id() == null) {
            return Uni.createFrom().item(verified);
        }
        return revoked.isRevoked(verified.id()).flatMap(isRevoked -> isRevoked
                ? Uni.createFrom().failure(new InvalidTokenException("the token was revoked"))
                : Uni.createFrom().item(verified));
    }

    /**
     * Refuses the token from now until it expires. A revoked id is kept until the parser would refuse the token
     * anyway: its exp plus the clock skew the parser allows, and a second more.
     */
    public Uni<Void> revoke(String id, Instant expiresAt) {
        return revoked.revoke(id, expiresAt.plus(config.clockSkew()).plusSeconds(1));
    }

    private static String reason(ParseException e) {
        if (e.getCause() instanceof InvalidJwtException invalid && invalid.hasExpired()) {
            return "the token has expired";
        }
        return "the token is not valid: its signature, algorithm (ES256 only), issuer or audience is wrong, "
                + "or it is malformed";
    }

    private JWTAuthContextInfo contextInfo(PublicKey publicKey) {
        JWTAuthContextInfo info = new JWTAuthContextInfo(publicKey, config.issuer());
        info.setExpectedAudience(Set.of(config.audience()));
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.ES256));
        info.setExpGracePeriodSecs((int) config.clockSkew().toSeconds());
        info.setRequiredClaims(Set.of("exp", "iat", "iss", "aud", "sub"));
        return info;
    }

    private Optional<KeyPair> loadOrCreate() {
        Path privatePath = config.privateKey();
        Path publicPath = config.publicKey();
        try {
            if (!Files.isRegularFile(privatePath) || !Files.isRegularFile(publicPath)) {
                if (!config.generateIfMissing()) {
                    LOG.warnf("No token signing key at %s: token login is off "
                            + "(set lab.auth.jwt.private-key and public-key)", privatePath);
                    return Optional.empty();
                }
                KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
                generator.initialize(new ECGenParameterSpec("secp256r1"));
                KeyPair pair = generator.generateKeyPair();
                KeyFiles.writeAtomically(privatePath, KeyFiles.pem("PRIVATE KEY", pair.getPrivate().getEncoded()),
                        true);
                KeyFiles.writeAtomically(publicPath, KeyFiles.pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
                LOG.warnf("Created a DEVELOPMENT token signing key pair (ES256) at %s and %s", privatePath, publicPath);
                return Optional.of(pair);
            }
            PrivateKey privateKey = KeyUtils.decodePrivateKey(Files.readString(privatePath), SignatureAlgorithm.ES256);
            PublicKey publicKey = KeyUtils.decodePublicKey(Files.readString(publicPath), SignatureAlgorithm.ES256);
            return Optional.of(new KeyPair(publicKey, privateKey));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or write the token signing keys at " + privatePath, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the token signing keys at " + privatePath
                    + " are not EC P-256 PEM keys", e);
        }
    }

    private IllegalStateException disabled() {
        return new IllegalStateException("tokens are not enabled on this server (no signing key configured)");
    }
}
