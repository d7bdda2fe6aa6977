package io.grpclab.lab.network;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * A fault the proxy puts on every connection through a listener while it lasts, after toxiproxy's toxics. Faults of the
 * same listener add up: latency and a bandwidth limit both delay a byte; silence drops it before either.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = Fault.Latency.class, name = "latency"),
        @JsonSubTypes.Type(value = Fault.Bandwidth.class, name = "bandwidth"),
        @JsonSubTypes.Type(value = Fault.Silence.class, name = "silence"),
        @JsonSubTypes.Type(value = Fault.Reset.class, name = "reset"),
        @JsonSubTypes.Type(value = Fault.Close.class, name = "close"),
        @JsonSubTypes.Type(value = Fault.Refuse.class, name = "refuse") })
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A network fault: latency, bandwidth, silence, reset, close or refuse (the type field)")
public sealed interface Fault {

    int MAX_DELAY_MS = 10_000;
    int MAX_AFTER_MS = 600_000;

    /** The bytes it acts on; BOTH when it does not say. */
    Direction direction();

    /** Each byte waits {@code latencyMs} plus up to {@code jitterMs} more, in the order it came. */
    record Latency(Direction direction, @Min(0) @Max(MAX_DELAY_MS) int latencyMs,
            @Min(0) @Max(MAX_DELAY_MS) int jitterMs) implements Fault {
        public Latency {
            direction = direction == null ? Direction.BOTH : direction;
        }
    }

    /** The bytes go no faster than {@code bytesPerSecond}, each direction on its own. */
    record Bandwidth(Direction direction, @Min(100) @Max(1_000_000_000) long bytesPerSecond) implements Fault {
        public Bandwidth {
            direction = direction == null ? Direction.BOTH : direction;
        }
    }

    /**
     * Nothing is forwarded and nothing is closed: a dead peer, a cut cable, a firewall that forgot the flow. The bytes
     * are dropped, and a side that closes is not told to the other. It begins {@code afterMs} after the fault meets a
     * connection (at once without it), so that a call can start on a connection that then dies.
     */
    record Silence(Direction direction, @Min(0) @Max(MAX_AFTER_MS) Integer afterMs) implements Fault {
        public Silence {
            direction = direction == null ? Direction.BOTH : direction;
        }

        public Silence(Direction direction) {
            this(direction, null);
        }
    }

    /**
     * The proxy aborts each connection with a TCP RST to both sides, {@code afterMs} after the fault meets it, or once
     * {@code afterBytes} more bytes have flowed in its direction, whichever comes first.
     */
    record Reset(Direction direction, @Min(0) @Max(MAX_AFTER_MS) Integer afterMs,
            @Min(1) @Max(1_000_000_000) Long afterBytes) implements Fault {
        public Reset {
            direction = direction == null ? Direction.BOTH : direction;
        }

        @JsonIgnore
        @AssertTrue(message = "set afterMs, afterBytes or both")
        public boolean isTriggered() {
            return afterMs != null || afterBytes != null;
        }
    }

    /** The proxy closes each connection gracefully (FIN to both sides), {@code afterMs} after the fault meets it. */
    record Close(@Min(0) @Max(MAX_AFTER_MS) int afterMs) implements Fault {
        @Override
        public Direction direction() {
            return Direction.BOTH;
        }
    }

    /** New connections are refused (accepted and reset at once); open ones go on. */
    record Refuse() implements Fault {
        @Override
        public Direction direction() {
            return Direction.BOTH;
        }
    }
}
