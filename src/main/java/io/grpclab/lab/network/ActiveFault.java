package io.grpclab.lab.network;

import java.time.Instant;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A fault on a listener: its id, the fault, when it began and ends (it may be removed before), and the connections it
 * is on: every one, new ones included, or only those open when it was added ({@code connections}), as when a firewall
 * forgets the flows it had while new ones go through.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ActiveFault(String id, Fault fault, Instant added, Instant ends, Set<Integer> connections) {

    boolean activeAt(Instant now) {
        return now.isBefore(ends);
    }

    /** Whether it is on this connection. */
    boolean on(int connection) {
        return connections == null || connections.contains(connection);
    }
}
