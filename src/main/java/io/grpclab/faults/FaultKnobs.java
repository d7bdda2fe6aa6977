package io.grpclab.faults;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.grpc.Attributes;
import io.grpc.ClientStreamTracer;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.grpc.MetadataValues;

/**
 * The lab's fault knobs: request metadata that makes this app's services fail, wait or echo on purpose. They are
 * a lab behaviour, so {@value #SWITCH} decides who may use them:
 * <ul>
 * <li>on (dev, test, seed, lab): every caller;</li>
 * <li>off (prod): no outside caller. The gRPC server answers a call that carries one FAILED_PRECONDITION naming
 * the switch, and the gateway refuses to forward one (400). Only the gateway's own {@code /demo} calls, and only
 * when {@code lab.demo.enabled} is on, still use them: they carry a credential made from a key this process draws at
 * start and never shows ({@link #authorize}), which the server checks ({@link #refusal}). The credential is made per
 * backend: each attempt's {@code x-lab-demo-token} is an HMAC of the address the attempt was sent to, written once
 * the balancer has picked the backend ({@link #tracer}), and the server checks it against the address the call
 * reached. So the token an attempt takes to another replica opens nothing but that replica, which holds a key of its
 * own and refuses it; a replica that kept it cannot replay it here. Sent only over TLS, and redacted wherever
 * metadata is shown.</li>
 * </ul>
 */
@Singleton
public class FaultKnobs {

    public static final String SWITCH = "lab.faults.knobs-enabled";

    /** SayHello and Echo fail the first N attempts (0..100), counted from grpc-previous-rpc-attempts. */
    public static final Metadata.Key<String> FAIL_ATTEMPTS = MetadataValues.asciiKey("x-fail-attempts");
    /** The first N calls carrying the same x-request-id fail, every attempt of them (0..100). */
    public static final Metadata.Key<String> FAIL_CALLS = MetadataValues.asciiKey("x-fail-calls");
    /** The status of those failures (a status name, default UNAVAILABLE). */
    public static final Metadata.Key<String> FAIL_CODE = MetadataValues.asciiKey("x-fail-code");
    /** {@code seed-window}: this call fails as the seed's retry server does. */
    public static final Metadata.Key<String> FAIL_MODE = MetadataValues.asciiKey("x-fail-mode");
    /** Sent back as grpc-retry-pushback-ms on those failures (-1..60000). */
    public static final Metadata.Key<String> RETRY_PUSHBACK_MS = MetadataValues.asciiKey("x-retry-pushback-ms");
    /** How long Echo waits (0..30000 ms). */
    public static final Metadata.Key<String> ECHO_DELAY_MS = MetadataValues.asciiKey("x-echo-delay-ms");
    /** Only the first N attempts of an Echo wait (1..100): a slow attempt to hedge. */
    public static final Metadata.Key<String> ECHO_DELAY_ATTEMPTS = MetadataValues.asciiKey("x-echo-delay-attempts");
    /** {@code true}: Echo returns the metadata it received as x-received-* trailers. */
    public static final Metadata.Key<String> ECHO_METADATA = MetadataValues.asciiKey("x-echo-metadata");

    /** Every knob, in one list: the server checks each by key (no allocation per call). */
    static final List<Metadata.Key<String>> ALL = List.of(FAIL_ATTEMPTS, FAIL_CALLS, FAIL_CODE, FAIL_MODE,
            RETRY_PUSHBACK_MS, ECHO_DELAY_MS, ECHO_DELAY_ATTEMPTS, ECHO_METADATA);
    private static final Set<String> NAMES = ALL.stream().map(Metadata.Key::name)
            .collect(Collectors.toUnmodifiableSet());

    /** The credential of the gateway's own demo calls; named like a token so that every report redacts it. */
    public static final Metadata.Key<String> DEMO_TOKEN = MetadataValues.asciiKey("x-lab-demo-token");

    /** What {@link #authorize} puts in the metadata until {@link #tracer} signs it for the backend picked. */
    static final String UNSIGNED = "unsigned";

    private final boolean enabled;
    private final boolean demosEnabled;
    private final SecretKeySpec demoKey;

    /**
     * {@code lab.demo.enabled} is the demo feature's key; read here too, so that the credential exists only with it.
     */
    @Inject
    FaultKnobs(FaultsConfig config,
            @ConfigProperty(name = "lab.demo.enabled", defaultValue = "false") boolean demosEnabled) {
        this(config.knobsEnabled(), demosEnabled);
    }

    public FaultKnobs(boolean enabled, boolean demosEnabled) {
        this.enabled = enabled;
        this.demosEnabled = demosEnabled;
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        this.demoKey = new SecretKeySpec(random, "HmacSHA256");
    }

    /** Whether every caller may use the knobs. */
    public boolean enabled() {
        return enabled;
    }

    /** Whether this metadata key is a fault knob. */
    public static boolean isKnob(String key) {
        return NAMES.contains(key);
    }

    /**
     * The same metadata, allowed to carry knobs on this server even when they are off for outside callers: for the
     * gateway's own demo calls over TLS, and only while the demos are on. The credential is signed per attempt, for
     * the backend it goes to, by {@link #tracer}, which every gateway channel's calls get.
     */
    public Metadata authorize(Metadata metadata, boolean overTls) {
        if (!enabled && demosEnabled && overTls) {
            metadata.put(DEMO_TOKEN, UNSIGNED);
        }
        return metadata;
    }

    /**
     * For one attempt of a call: null when it carries no demo credential (nothing to do, nothing allocated); else a
     * tracer that, once the attempt has a transport, replaces the credential with the one for that backend's address.
     */
    public ClientStreamTracer tracer(Metadata headers) {
        if (!headers.containsKey(DEMO_TOKEN)) {
            return null;
        }
        return new ClientStreamTracer() {
            @Override
            public void streamCreated(Attributes transport, Metadata attempt) {
                attempt.discardAll(DEMO_TOKEN);
                String backend = address(transport.get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
                if (backend != null) {
                    attempt.put(DEMO_TOKEN, sign(backend));
                }
            }
        };
    }

    /**
     * Why the server refuses this call, or null when it may go on: a call may carry knobs when they are on, or when
     * it is the gateway's own, signed for the address it reached. The credential is taken out of the metadata either
     * way, so no service sees it.
     *
     * @param reached the server's own address of the call's connection (Grpc.TRANSPORT_ATTR_LOCAL_ADDR)
     */
    public Status refusal(Metadata headers, SocketAddress reached) {
        if (enabled) {
            return null;
        }
        String token = headers.get(DEMO_TOKEN);
        if (token != null) {
            headers.discardAll(DEMO_TOKEN);
            String here = address(reached);
            if (demosEnabled && here != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.US_ASCII),
                    sign(here).getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
        }
        for (Metadata.Key<String> knob : ALL) {
            if (headers.containsKey(knob)) {
                return Status.FAILED_PRECONDITION.withDescription(knob.name() + " is a fault knob, and fault knobs are "
                        + "off on this server (" + SWITCH + "=false)");
            }
        }
        return null;
    }

    /** An address as both ends see it: the IP and the port, whatever name it was reached by. */
    private static String address(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() + ":" + inet.getPort()
                : null;
    }

    private String sign(String backend) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(demoKey);
            return Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(backend.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
