package io.grpclab.lab.catalogue;

import io.grpclab.grpc.CallResult;

/**
 * How the scenario's gRPC call ended: the status name and its description, as a caller may read it (not grpc-java's
 * own text for failures it detects, which names addresses).
 */
public record Outcome(String status, String description) {

    public static Outcome of(CallResult<?> result) {
        return new Outcome(result.status().getCode().name(), result.safeDescription());
    }
}
