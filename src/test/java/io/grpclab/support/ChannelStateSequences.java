package io.grpclab.support;

import java.util.List;
import java.util.function.Predicate;

/** What a channel's recorded states say, read the way grpc-java may order them. */
public final class ChannelStateSequences {

    private ChannelStateSequences() {
    }

    /**
     * The channel was READY, left it (grpc-java goes to IDLE, or straight to CONNECTING when a call waits for a new
     * connection), and came back to READY.
     */
    public static boolean leftReadyAndCameBack(List<?> states) {
        int ready = states.indexOf("READY");
        int left = ready < 0 ? -1 : indexOf(states, ready + 1, state -> !"READY".equals(state));
        return left > 0 && indexOf(states, left + 1, "READY"::equals) > 0;
    }

    private static int indexOf(List<?> states, int from, Predicate<Object> test) {
        for (int i = from; i < states.size(); i++) {
            if (test.test(states.get(i))) {
                return i;
            }
        }
        return -1;
    }
}
