package io.grpclab.edge;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import io.grpc.Deadline;

/**
 * The deadline of the gRPC call behind one gateway request: {@code X-Request-Timeout} (milliseconds) or
 * {@code grpc-timeout} (gRPC's wire format, e.g. {@code 500m}, {@code 2S}); the shorter wins when both are
 * sent, {@code lab.gateway.default-deadline} applies when neither is. The budget starts when the request
 * arrives, so time spent in the gateway counts against it.
 */
@Singleton
class DeadlineBudget {

    public static final String REQUEST_TIMEOUT_HEADER = "X-Request-Timeout";
    public static final String GRPC_TIMEOUT_HEADER = "grpc-timeout";

    private static final Pattern GRPC_TIMEOUT = Pattern.compile("(\\d{1,8})([HMSmun])");

    private final Duration fallback;
    private final Duration max;

    DeadlineBudget(EdgeConfig config) {
        this.fallback = config.defaultDeadline();
        this.max = config.maxDeadline();
    }

    /** The timeout a request asks for, validated against the gateway's maximum. */
    public Duration timeout(String requestTimeout, String grpcTimeout) {
        Duration fromMillis = requestTimeout == null ? null : parseMillis(requestTimeout);
        Duration fromGrpc = grpcTimeout == null ? null : parseGrpcTimeout(grpcTimeout);
        if (fromMillis == null && fromGrpc == null) {
            return fallback;
        }
        if (fromMillis == null || fromGrpc == null) {
            return fromMillis == null ? fromGrpc : fromMillis;
        }
        return fromMillis.compareTo(fromGrpc) <= 0 ? fromMillis : fromGrpc;
    }

    /** A deadline that starts now. */
    public Deadline deadline(String requestTimeout, String grpcTimeout) {
        return Deadline.after(timeout(requestTimeout, grpcTimeout).toNanos(), TimeUnit.NANOSECONDS);
    }

    public Duration max() {
        return max;
    }

    private Duration parseMillis(String raw) {
        long maxMillis = max.toMillis();
        try {
            long millis = Long.parseLong(raw.trim());
            if (millis >= 1 && millis <= maxMillis) {
                return Duration.ofMillis(millis);
            }
        } catch (NumberFormatException e) {
            // reported below, with the bounds
        }
        throw new InvalidParameterException(REQUEST_TIMEOUT_HEADER, "must be an integer between 1 and " + maxMillis);
    }

    private Duration parseGrpcTimeout(String raw) {
        Matcher m = GRPC_TIMEOUT.matcher(raw.trim());
        if (m.matches()) {
            long value = Long.parseLong(m.group(1));
            Duration timeout = switch (m.group(2)) {
                case "H" -> Duration.ofHours(value);
                case "M" -> Duration.ofMinutes(value);
                case "S" -> Duration.ofSeconds(value);
                case "m" -> Duration.ofMillis(value);
                case "u" -> Duration.ofNanos(value * 1_000);
                default -> Duration.ofNanos(value);
            };
            if (!timeout.isZero() && timeout.compareTo(max) <= 0) {
                return timeout;
            }
        }
        throw new InvalidParameterException(GRPC_TIMEOUT_HEADER,
                "must be 1 to 8 digits and a unit (H, M, S, m, u, n), above 0 and at most " + max.toMillis() + "m");
    }
}
