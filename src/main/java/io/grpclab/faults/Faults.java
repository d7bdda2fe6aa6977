package io.grpclab.faults;

import static io.grpclab.faults.FaultKnobs.FAIL_ATTEMPTS;
import static io.grpclab.faults.FaultKnobs.FAIL_CALLS;
import static io.grpclab.faults.FaultKnobs.FAIL_CODE;
import static io.grpclab.faults.FaultKnobs.FAIL_MODE;
import static io.grpclab.faults.FaultKnobs.RETRY_PUSHBACK_MS;

import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Singleton;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpclab.grpc.MetadataValues;
import io.grpclab.grpc.RequestIds;
import io.grpclab.grpc.RetryKeys;
import io.grpclab.grpc.StatusCodes;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Decides whether one attempt fails on purpose, from the fault knobs the call carries (Echo and SayHello)
 * and, for SayHello, from {@code lab.faults.mode}. Whether a call may carry knobs at all is {@link FaultKnobs}'s
 * decision, made before any service runs.
 * <ul>
 * <li>{@code x-fail-attempts: N} (0..100) fails the first N attempts; the attempt number comes from
 * {@code grpc-previous-rpc-attempts}, which grpc clients set on retries and hedges.</li>
 * <li>{@code x-fail-calls: N} (0..100) fails the first N calls that carry the same {@code x-request-id}, every
 * attempt of them: what an application-level retry around a gRPC call meets.</li>
 * <li>{@code x-fail-code} (a status name, default UNAVAILABLE) is the status those attempts get.</li>
 * <li>{@code x-retry-pushback-ms} (-1..60000) is sent back as {@code grpc-retry-pushback-ms}: when to retry,
 * or (negative) not to.</li>
 * </ul>
 */
@Singleton
@RegisterForReflection(classNames = { "com.github.benmanes.caffeine.cache.SSMSA",
        "com.github.benmanes.caffeine.cache.PSAMS" }) // Caffeine loads them by name (NativeImageReflectionTests)
public class Faults {

    public static final int MAX_FAIL_ATTEMPTS = 100;
    public static final int MAX_PUSHBACK_MS = 60_000;

    /** A failure to answer with, and the trailers that go with it. */
    public record Fault(Status status, Metadata trailers) {
    }

    private static final int REMEMBERED_REQUEST_IDS = 50_000;

    // Only calls with x-fail-calls are counted, and their retries come within seconds: a request id is forgotten a
    // minute after its last call. The size is a memory guard far above that (size eviction may drop a new id first).
    private final Cache<String, Long> callsByRequestId = Caffeine.newBuilder().maximumSize(REMEMBERED_REQUEST_IDS)
            .expireAfterAccess(Duration.ofMinutes(1)).build();
    private final FaultsConfig config;
    private final WallClock clock;

    Faults(FaultsConfig config, WallClock clock) {
        this.config = config;
        this.clock = clock;
    }

    /**
     * The seed retry server's failure, when {@code lab.faults.mode=seed-window} (or the call's
     * {@code x-fail-mode: seed-window}) and the clock is in the window.
     */
    public Optional<Fault> seedWindow(Metadata headers) {
        boolean asked = config.mode() == FaultsConfig.Mode.SEED_WINDOW || seedMode(headers);
        if (asked && clock.now().getEpochSecond() % 2 == 0) {
            return Optional.of(new Fault(Status.UNAVAILABLE.withDescription("Server Unavailable"), new Metadata()));
        }
        return Optional.empty();
    }

    /**
     * @return the failure the call's knobs ask for on this attempt, or empty to answer normally
     * @throws io.grpc.StatusRuntimeException INVALID_ARGUMENT for a malformed knob
     */
    public Optional<Fault> fromKnobs(Metadata headers) {
        if (!headers.containsKey(FAIL_ATTEMPTS) && !headers.containsKey(FAIL_CALLS) && !headers.containsKey(FAIL_CODE)
                && !headers.containsKey(RETRY_PUSHBACK_MS)) {
            return Optional.empty();
        }
        long failAttempts = MetadataValues.longInRange(headers, FAIL_ATTEMPTS, 0, 0, MAX_FAIL_ATTEMPTS);
        long failCalls = MetadataValues.longInRange(headers, FAIL_CALLS, 0, 0, MAX_FAIL_ATTEMPTS);
        Status.Code code = failCode(headers.get(FAIL_CODE));
        long pushbackMs = MetadataValues.longInRange(headers, RETRY_PUSHBACK_MS, Long.MIN_VALUE, -1, MAX_PUSHBACK_MS);
        long previousAttempts = MetadataValues.longInRange(headers, RetryKeys.PREVIOUS_ATTEMPTS, 0, 0,
                Integer.MAX_VALUE);
        String description;
        if (previousAttempts < failAttempts) {
            description = "injected failure: attempt " + (previousAttempts + 1) + " of the first " + failAttempts
                    + " that fail";
        } else if (failCalls > 0) {
            long call = callNumber(previousAttempts);
            if (call > failCalls) {
                return Optional.empty();
            }
            description = "injected failure: call " + call + " of the first " + failCalls
                    + " with this request id that fail";
        } else {
            return Optional.empty();
        }
        Metadata trailers = new Metadata();
        if (pushbackMs != Long.MIN_VALUE) {
            trailers.put(RetryKeys.RETRY_PUSHBACK, Long.toString(pushbackMs));
        }
        return Optional.of(new Fault(Status.fromCode(code).withDescription(description), trailers));
    }

    /**
     * Which call with the current request id this is: a first attempt starts a new call, a retry or hedge
     * belongs to the latest one.
     */
    private long callNumber(long previousAttempts) {
        String requestId = RequestIds.ofCurrentCall();
        if (requestId == null) {
            return 1;
        }
        Long calls = previousAttempts == 0
                ? callsByRequestId.asMap().merge(requestId, 1L, Long::sum)
                : callsByRequestId.getIfPresent(requestId);
        return calls == null ? 1 : calls;
    }

    /** Whether the call asks for the seed's failures with x-fail-mode. */
    private static boolean seedMode(Metadata headers) {
        String mode = headers.get(FAIL_MODE);
        if (mode == null) {
            return false;
        }
        if (!"seed-window".equals(mode)) {
            throw Status.INVALID_ARGUMENT.withDescription(FAIL_MODE.name() + " must be seed-window")
                    .asRuntimeException();
        }
        return true;
    }

    private static Status.Code failCode(String raw) {
        if (raw == null) {
            return Status.Code.UNAVAILABLE;
        }
        Status.Code code = StatusCodes.failureOrNull(raw);
        if (code == null) {
            throw Status.INVALID_ARGUMENT.withDescription(FAIL_CODE.name() + " must be " + StatusCodes.FAILURE_RULE)
                    .asRuntimeException();
        }
        return code;
    }

    public FaultsConfig.Mode mode() {
        return config.mode();
    }
}
