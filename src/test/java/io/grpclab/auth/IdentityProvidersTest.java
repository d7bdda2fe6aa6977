package io.grpclab.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.credential.TokenCredential;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * IdentityProviders.once: Quarkus resolves a call's deferred identity twice, overlapping (RedisStoreTests counts the
 * store round trips that proves it), so the authentication is shared while it runs and its outcome kept.
 */
class IdentityProvidersTest {

    static final SecurityIdentity ANA = QuarkusSecurityIdentity.builder()
            .setPrincipal(() -> "ana").build();

    @Test
    void aSecondResolutionOfTheSameCallReusesTheFirstOutcomeInsteadOfAuthenticatingAgain() {
        TokenAuthenticationRequest request = request();
        AtomicInteger authentications = new AtomicInteger();

        for (int i = 0; i < 3; i++) {
            SecurityIdentity identity = IdentityProviders.once(request, () -> Uni.createFrom().item(() -> {
                authentications.incrementAndGet();
                return ANA;
            })).await().atMost(Duration.ofSeconds(1));
            assertThat(identity.getPrincipal().getName()).isEqualTo("ana");
        }
        assertThat(authentications).hasValue(1);
    }

    @Test
    void aFailureIsKeptToo() {
        TokenAuthenticationRequest request = request();
        AtomicInteger authentications = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> IdentityProviders.once(request, () -> Uni.createFrom().failure(() -> {
                authentications.incrementAndGet();
                return new AuthenticationFailedException("refused");
            })).await().atMost(Duration.ofSeconds(1))).isInstanceOf(AuthenticationFailedException.class);
        }
        assertThat(authentications).hasValue(1);
    }

    private static TokenAuthenticationRequest request() {
        return new TokenAuthenticationRequest(new TokenCredential("t", "bearer"));
    }
}
