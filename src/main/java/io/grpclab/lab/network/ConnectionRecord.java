package io.grpclab.lab.network;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The proxy's own record of one connection: when it opened, the bytes each way (forwarded and dropped), when each
 * fault met it, and who closed it and how. Written on the proxy's event loop, read by reports from any thread.
 */
public final class ConnectionRecord {

    /** Events kept per connection: enough for a run, bounded for a connection that lives long. */
    static final int MAX_EVENTS = 64;

    /** Something that happened to the connection, {@code atMs} after it opened. */
    public record Event(long atMs, String what) {
    }

    /** The record as it stands. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record View(int id, String client, Instant opened, long bytesUpstream, long bytesDownstream,
            long droppedUpstream, long droppedDownstream, List<Event> events, Long closedAtMs, String closedBy,
            String closedHow) {
    }

    private final int id;
    private final String client;
    private final Instant opened = Instant.now();
    private final long openedNanos = System.nanoTime();
    private final List<Event> events = new ArrayList<>();
    private long bytesUpstream;
    private long bytesDownstream;
    private long droppedUpstream;
    private long droppedDownstream;
    private Long closedAtMs;
    private String closedBy;
    private String closedHow;
    private int eventsLeftOut;

    ConnectionRecord(int id, String client) {
        this.id = id;
        this.client = client;
    }

    int id() {
        return id;
    }

    synchronized void event(String what) {
        if (events.size() < MAX_EVENTS - 1) {
            events.add(new Event(sinceOpened(), what));
        } else {
            eventsLeftOut++;
        }
    }

    synchronized void forwarded(Direction flow, int bytes) {
        if (flow == Direction.UPSTREAM) {
            bytesUpstream += bytes;
        } else {
            bytesDownstream += bytes;
        }
    }

    /** Bytes a silence dropped: counted, and each read an event (a keepalive ping is one small read). */
    synchronized void dropped(Direction flow, int bytes) {
        if (flow == Direction.UPSTREAM) {
            droppedUpstream += bytes;
        } else {
            droppedDownstream += bytes;
        }
        event("dropped " + bytes + " bytes " + flow.name().toLowerCase(Locale.ROOT));
    }

    /** The first close is the one recorded: by "client", "server" or "proxy: <why>"; how: "FIN" or "RST". */
    synchronized boolean closed(String by, String how) {
        if (closedBy != null) {
            return false;
        }
        closedAtMs = sinceOpened();
        closedBy = by;
        closedHow = how;
        return true;
    }

    synchronized boolean isClosed() {
        return closedBy != null;
    }

    synchronized View view() {
        List<Event> kept = new ArrayList<>(events);
        if (eventsLeftOut > 0) {
            kept.add(new Event(sinceOpened(), eventsLeftOut + " more events not kept"));
        }
        return new View(id, client, opened, bytesUpstream, bytesDownstream, droppedUpstream, droppedDownstream,
                List.copyOf(kept), closedAtMs, closedBy, closedHow);
    }

    private long sinceOpened() {
        return (System.nanoTime() - openedNanos) / 1_000_000;
    }
}
