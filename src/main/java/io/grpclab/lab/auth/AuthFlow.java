package io.grpclab.lab.auth;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.grpc.Status;
import io.grpclab.grpc.CallResult;
import io.grpclab.lab.catalogue.Outcome;
import io.smallrye.mutiny.Uni;

/** The steps of one authentication flow, each a real gRPC call, recorded as they end. */
final class AuthFlow {

    /**
     * One step.
     *
     * @param credentials what the call presented, with secrets shortened or masked
     * @param expected the status this step should end with
     * @param status the status it ended with
     * @param detail what came back (an identity, a session's expiry) or the server's description of the refusal
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Step(int number, String step, String credentials, String expected, String status, boolean asExpected,
            String detail) {
    }

    private final List<Step> steps = new ArrayList<>();

    <T> Uni<CallResult<T>> step(String step, String credentials, Status.Code expected,
            Supplier<Uni<CallResult<T>>> call, Function<T, String> detail) {
        return call.get().invoke(result -> steps.add(new Step(steps.size() + 1, step, credentials, expected.name(),
                result.status().getCode().name(), result.status().getCode() == expected,
                result.ok() ? detail.apply(result.response()) : result.safeDescription())));
    }

    List<Step> steps() {
        return List.copyOf(steps);
    }

    /** OK when every step ended as expected; else the first that did not. */
    Outcome outcome() {
        return steps.stream().filter(s -> !s.asExpected()).findFirst()
                .map(s -> new Outcome(s.status(), "step " + s.number() + " (" + s.step() + ") ended " + s.status()
                        + ", expected " + s.expected() + (s.detail() == null ? "" : ": " + s.detail())))
                .orElse(new Outcome("OK", "every step ended as expected"));
    }

    /** The first characters of a secret, enough to tell two apart, never enough to use. */
    static String prefix(String secret, int shown) {
        return secret == null || secret.isEmpty() ? "(none)"
                : secret.substring(0, Math.min(shown, secret.length())) + "… (" + secret.length() + " chars)";
    }
}
