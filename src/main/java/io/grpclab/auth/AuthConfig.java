package io.grpclab.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Users, sessions, tokens and login throttling. */
@ConfigMapping(prefix = "lab.auth")
public interface AuthConfig {

    /**
     * The users, by name: {@code lab.auth.users.<name>.password-hash} (bcrypt, {@code $2a$}/{@code $2b$}/{@code $2y$})
     * and {@code lab.auth.users.<name>.roles}. Production ships none.
     */
    Map<String, User> users();

    /** The user the /demo/auth flows log in as, with its password; dev and test only. */
    Optional<String> demoUsername();

    Optional<String> demoPassword();

    /** Where sessions and revoked tokens live: memory (one instance) or redis (shared by replicas). */
    @WithDefault("memory")
    Store store();

    /** How long a call waits for the store (Redis) before it is UNAVAILABLE. */
    @WithDefault("2s")
    @DurationMin(millis = 10)
    @DurationMax(seconds = 60)
    Duration storeTimeout();

    /** The stores {@code lab.auth.store} names. */
    enum Store {
        MEMORY,
        REDIS
    }

    Session session();

    Jwt jwt();

    Throttle throttle();

    /** Roles given to a client certificate, by its common name (mutual TLS). */
    Map<String, List<String>> certificateRoles();

    /**
     * Peers whose {@code x-forwarded-for} metadata is believed: the gateway in this process, by default. The
     * throttle then counts the HTTP caller's address, not the gateway's.
     */
    @WithDefault("127.0.0.1,0:0:0:0:0:0:0:1")
    List<String> trustedProxies();

    /**
     * Common names of client certificates whose {@code x-forwarded-for} is believed wherever they connect from: the
     * gateways of other replicas, whose addresses (a Kubernetes pod's) no list can name, and which an address range
     * would trust along with every other client in it. Needs {@code quarkus.grpc.server.ssl.client-auth} REQUEST or
     * REQUIRED, checked at start-up.
     */
    Optional<Set<String>> trustedProxyCertificates();

    interface User {
        String passwordHash();

        @WithDefault("user")
        List<String> roles();
    }

    interface Session {
        /** A session ends when unused this long. */
        @WithDefault("15m")
        @DurationMin(seconds = 1)
        Duration idleTimeout();

        /** A session ends this long after login, used or not. */
        @WithDefault("8h")
        @DurationMin(seconds = 1)
        Duration absoluteTimeout();

        /** The most sessions kept; the least recently used go first. */
        @WithDefault("10000")
        @Min(1)
        @Max(10_000_000)
        int maxSessions();
    }

    interface Jwt {
        @WithDefault("https://grpclab.local")
        String issuer();

        @WithDefault("grpc-resilience-lab")
        String audience();

        @WithDefault("15m")
        @DurationMin(seconds = 1)
        Duration lifetime();

        /** Tolerated clock difference when checking exp and iat. */
        @WithDefault("30s")
        @DurationMin(seconds = 0)
        @DurationMax(minutes = 5)
        Duration clockSkew();

        /** EC P-256 keys (PEM, PKCS#8 / X.509) for ES256. */
        @WithDefault("${lab.tls.dir}/jwt-signing.key")
        Path privateKey();

        @WithDefault("${lab.tls.dir}/jwt-signing.pub")
        Path publicKey();

        /** Create the key pair when missing (dev and test); in production, provide it. */
        @WithDefault("false")
        boolean generateIfMissing();
    }

    interface Throttle {
        /** Failed logins for one user from one client before that client is refused for that user. */
        @WithDefault("5")
        @Min(1)
        int maxFailuresPerUserAndClient();

        /** Failed logins from one client address, whatever the user, before its attempts are refused. */
        @WithDefault("20")
        @Min(1)
        int maxFailuresPerClient();

        /**
         * Failed logins for one user, from every client, before each further login for it waits
         * {@link #userDelay()}, doubled with every failure: strangers can slow an account down, not lock it.
         */
        @WithDefault("10")
        @Min(1)
        int userDelayAfter();

        @WithDefault("1s")
        @DurationMin(millis = 0)
        Duration userDelay();

        @WithDefault("30s")
        @DurationMin(millis = 0)
        Duration userMaxDelay();

        /** How long failures are counted from the first one (a fixed window), and how long a refused client waits. */
        @WithDefault("1m")
        @DurationMin(seconds = 1)
        Duration window();
    }
}
