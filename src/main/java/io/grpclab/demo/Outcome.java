package io.grpclab.demo;

import io.grpc.Status;

/** How the scenario's gRPC call ended: the status name and its description. */
public record Outcome(String status, String description) {

    public static Outcome of(Status status) {
        return new Outcome(status.getCode().name(), status.getDescription());
    }
}
