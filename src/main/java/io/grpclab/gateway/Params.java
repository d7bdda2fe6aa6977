package io.grpclab.gateway;

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
