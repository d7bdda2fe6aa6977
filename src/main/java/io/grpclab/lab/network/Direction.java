package io.grpclab.lab.network;

/** Which bytes a fault acts on: those the client sends (upstream), those the server sends (downstream), or both. */
public enum Direction {
    UPSTREAM,
    DOWNSTREAM,
    BOTH;

    /** Whether a fault in this direction acts on bytes that flow {@code flow} (UPSTREAM or DOWNSTREAM). */
    boolean includes(Direction flow) {
        return this == BOTH || this == flow;
    }
}
