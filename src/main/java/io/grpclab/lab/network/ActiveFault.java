package io.grpclab.lab.network;

import java.time.Instant;

/** A fault on a listener: its id, the fault, and when it began and ends (it may be removed before). */
public record ActiveFault(String id, Fault fault, Instant added, Instant ends) {

    boolean activeAt(Instant now) {
        return now.isBefore(ends);
    }
}
