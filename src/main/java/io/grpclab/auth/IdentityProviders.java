package io.grpclab.auth;

import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Quarkus Security identity providers, one per kind of credential the mechanisms read. */
final class IdentityProviders {

    private static final String RESOLVED = "io.grpclab.auth.resolved-identity";

    private IdentityProviders() {
    }

    /** Basic: the user store, bcrypt (on a worker thread), throttled. */
    @ApplicationScoped
    public static class Password implements IdentityProvider<UsernamePasswordAuthenticationRequest> {
        private final PasswordCheck passwords;

        Password(PasswordCheck passwords) {
            this.passwords = passwords;
        }

        @Override
        public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
            return UsernamePasswordAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
                AuthenticationRequestContext context) {
            return once(request, () -> passwords.check(request.getUsername(),
                    new String(request.getPassword().getPassword()), client(request))
                    .map(user -> identity(user.name(), user.roles(), Mechanisms.BASIC).build()));
        }
    }

    /** Sessions: the session store. */
    @ApplicationScoped
    public static class Session implements IdentityProvider<SessionAuthenticationRequest> {
        private final SessionStore sessions;

        Session(SessionStore sessions) {
            this.sessions = sessions;
        }

        @Override
        public Class<SessionAuthenticationRequest> getRequestType() {
            return SessionAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(SessionAuthenticationRequest request,
                AuthenticationRequestContext c) {
            return once(request, () -> sessions.use(request.sessionId()).flatMap(found -> found
                    .map(s -> Uni.createFrom().<SecurityIdentity> item(identity(s.user(), s.roles(), Mechanisms.SESSION)
                            .addAttribute(Mechanisms.SESSION_ID, s.id()).build()))
                    .orElseGet(() -> Uni.createFrom().failure(
                            new AuthenticationFailedException("the session is unknown, expired or ended")))));
        }
    }

    /** Bearer tokens: smallrye-jwt verification. */
    @ApplicationScoped
    public static class Token implements IdentityProvider<TokenAuthenticationRequest> {
        private final TokenService tokens;

        Token(TokenService tokens) {
            this.tokens = tokens;
        }

        @Override
        public Class<TokenAuthenticationRequest> getRequestType() {
            return TokenAuthenticationRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext c) {
            return once(request, () -> tokens.verify(request.getToken().getToken())
                    .<SecurityIdentity> map(token -> identity(token.subject(), List.copyOf(token.groups()),
                            Mechanisms.TOKEN).addAttribute(Mechanisms.TOKEN_ID, token.id())
                            .addAttribute(Mechanisms.TOKEN_EXPIRES, token.expiresAt()).build())
                    .onFailure(TokenService.InvalidTokenException.class)
                    .transform(e -> new AuthenticationFailedException(e.getMessage())));
        }
    }

    /**
     * Mutual TLS: the certificate's subject is the principal; roles from lab.auth.certificate-roles, by common name.
     */
    @ApplicationScoped
    public static class ClientCertificate implements IdentityProvider<ClientCertificateRequest> {
        private final AuthConfig config;

        ClientCertificate(AuthConfig config) {
            this.config = config;
        }

        @Override
        public Class<ClientCertificateRequest> getRequestType() {
            return ClientCertificateRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(ClientCertificateRequest request, AuthenticationRequestContext c) {
            String subject = request.certificate().getSubjectX500Principal().getName();
            List<String> roles = config.certificateRoles().getOrDefault(commonName(subject), List.of());
            return Uni.createFrom().item(identity(subject, roles, Mechanisms.MTLS).build());
        }
    }

    /**
     * One authentication per call. Quarkus's gRPC security interceptor hands the call a deferred identity that is not
     * memoized, and both the security check ({@code @Authenticated}) and the method resolve it: each resolution would
     * authenticate again (a second throttle reservation, a second store round trip: measured as 2 Redis scripts per
     * session call). The authentication request is one object per call, so the result is kept on it. The two
     * resolutions overlap (keeping only a finished outcome still cost 2 scripts: tried), so the running authentication
     * is shared; the price is that a caller who cancels does not cancel it (a Basic login waiting for its turn is
     * checked anyway, and its outcome counted).
     */
    static Uni<SecurityIdentity> once(AuthenticationRequest request, Supplier<Uni<SecurityIdentity>> authenticate) {
        Uni<SecurityIdentity> resolved = request.getAttribute(RESOLVED);
        if (resolved == null) {
            resolved = authenticate.get().memoize().indefinitely();
            request.setAttribute(RESOLVED, resolved);
        }
        return resolved;
    }

    static String commonName(String subject) {
        try {
            return new javax.naming.ldap.LdapName(subject).getRdns().stream()
                    .filter(rdn -> rdn.getType().equalsIgnoreCase("CN")).map(rdn -> rdn.getValue().toString())
                    .findFirst().orElse(subject);
        } catch (javax.naming.InvalidNameException e) {
            return subject;
        }
    }

    static QuarkusSecurityIdentity.Builder identity(String name, List<String> roles, String mechanism) {
        return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(name))
                .addRoles(new java.util.HashSet<>(roles))
                .addAttribute(Mechanisms.ATTRIBUTE, mechanism);
    }

    static String client(AuthenticationRequest request) {
        Object client = request.getAttribute(CredentialMechanisms.CLIENT_ADDRESS);
        return client == null ? "unknown" : client.toString();
    }
}
