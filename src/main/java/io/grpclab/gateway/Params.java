package io.grpclab.gateway;

import java.util.List;
import java.util.Locale;

import io.grpc.Status;

/** Reads bounded query parameters; a bad value is an {@link InvalidParameterException} naming the parameter. */
public final class Params {

    private Params() {
    }

    /** The integer in {@code raw}, {@code fallback} when absent or empty, else a 400 naming {@code name}. */
    public static int intInRange(String name, String raw, int fallback, int min, int max) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the bounds
        }
        throw new InvalidParameterException(name, "must be an integer between " + min + " and " + max);
    }

    /** A number above {@code above} and at most {@code max}; null when absent, else a 400 naming {@code name}. */
    public static Double doubleAboveUpTo(String name, String raw, double above, double max) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            double value = Double.parseDouble(raw.trim());
            if (value > above && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below, with the bounds
        }
        throw new InvalidParameterException(name, "must be a number above " + above + " and at most " + max);
    }

    /** One of {@code allowed}, {@code fallback} when absent, else a 400 naming {@code name}. */
    public static String oneOf(String name, String raw, String fallback, List<String> allowed) {
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        if (allowed.contains(raw.trim())) {
            return raw.trim();
        }
        throw new InvalidParameterException(name, "must be one of " + String.join(", ", allowed));
    }

    /** A gRPC status name other than OK (any case), null when absent, else a 400 naming {@code name}. */
    public static Status.Code failureCode(String name, String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            Status.Code code = Status.Code.valueOf(raw.trim().toUpperCase(Locale.ROOT));
            if (code != Status.Code.OK) {
                return code;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new InvalidParameterException(name, "must be a gRPC status name other than OK, such as NOT_FOUND");
    }
}
