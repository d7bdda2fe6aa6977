package io.grpclab.lab.badnetwork;

import java.util.List;

import io.grpclab.lab.badnetwork.BadNetworkReport.Call;
import io.grpclab.lab.trace.AttemptTrace;

/** What each bad-network run shows, in words computed from its calls (never from its parameters). */
final class Explanations {

    private Explanations() {
    }

    static String reset(Call call) {
        List<AttemptTrace.Attempt> attempts = call.attempts();
        StringBuilder text = new StringBuilder("The call ended " + call.outcome().status() + " after "
                + call.elapsedMs() + " ms, in " + plural(attempts.size(), "attempt") + ".");
        for (AttemptTrace.Attempt a : attempts) {
            text.append(" Attempt ").append(a.number()).append(Boolean.TRUE.equals(a.transparentRetry())
                    ? " (a transparent retry: grpc-java's own, not counted against maxAttempts)"
                    : a.number() > 1 ? " (under the retry policy, after " + a.backoffBeforeMs() + " ms of backoff)"
                            : "")
                    .append(": ").append(a.status()).append(a.servedAs() == null ? ", the server never answered it"
                            : ", served by the server as its attempt " + a.servedAs())
                    .append('.');
        }
        if (attempts.size() > 1 && attempts.stream().noneMatch(a -> Boolean.TRUE.equals(a.transparentRetry()))) {
            text.append(" grpc-java cannot tell from a reset connection whether the server got the request, so the")
                    .append(" retry was the policy's; it retries on its own (transparently) only on the server's")
                    .append(" word that a stream was never processed: REFUSED_STREAM, or a GOAWAY naming it.");
        }
        return text.toString();
    }

    static String slowBackend(List<Call> calls) {
        long startedSlow = calls.stream().filter(c -> !c.attempts().isEmpty()
                && "b1".equals(c.attempts().get(0).backend())).count();
        long wonByHedge = calls.stream().filter(c -> c.winner() != null && c.winner() > 1).count();
        long slowWins = calls.stream().filter(c -> "b1".equals(c.winnerBackend())).count();
        return startedSlow + " of the " + calls.size()
                + " calls sent their first attempt to b1, the slow backend. A hedge answered " + wonByHedge + " of the "
                + calls.size() + " calls, and b1 answered "
                + slowWins + ". The slowest call took "
                + calls.stream().mapToLong(Call::elapsedMs).max().orElse(0) + " ms.";
    }

    static String silentBackend(List<Call> calls, long silenceAt, LinkRun.Rotation rotation,
            int keepAliveTimeoutMs) {
        StringBuilder text = new StringBuilder("b1's connection went silent at " + silenceAt + " ms.");
        calls.stream().filter(c -> c.attempts().size() > 1 && "b1".equals(c.attempts().get(0).backend())).findFirst()
                .ifPresent(held -> text.append(" Call ").append(held.number()).append(" went there and waited ")
                        .append(held.attempts().get(0).durationMs()).append(" ms: keepalive pings 10 s after the ")
                        .append("last read and gives the connection up ").append(keepAliveTimeoutMs)
                        .append(" ms without an ack. It ended ").append(held.attempts().get(0).status())
                        .append(", and the retry policy sent it to ")
                        .append(held.attempts().get(held.attempts().size() - 1).backend()).append('.'));
        text.append(rotation.leftAtMs() == null ? " b1 never left the rotation while the calls ran."
                : " b1 left the rotation at " + rotation.leftAtMs() + " ms" + (rotation.backAtMs() == null
                        ? " and was not back when the calls ended."
                        : " and was back at " + rotation.backAtMs() + " ms, over a new connection."));
        long ok = calls.stream().filter(c -> c.outcome().status().equals("OK")).count();
        return text.append(' ').append(ok).append(" of ").append(calls.size()).append(" calls ended OK.").toString();
    }

    static String servedNote(Call call) {
        return call.attempts().stream().anyMatch(a -> a.servedAs() != null) ? ", answered by the server"
                : ", with no answer from the server in time";
    }

    static String plural(int n, String word) {
        return n + " " + word + (n == 1 ? "" : "s");
    }
}
