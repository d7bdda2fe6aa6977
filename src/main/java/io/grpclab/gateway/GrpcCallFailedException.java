package io.grpclab.gateway;

/**
 * A gateway call whose gRPC call failed: the problem to answer with, and the headers that go with its status. Thrown
 * by {@link Gateway#answer} and written by {@link ProblemMappers}; no stack trace (it is an answer, not a bug).
 *
 * @param retryAfterSeconds HTTP's Retry-After from the server's pushback, or null
 * @param challenge whether to send WWW-Authenticate (UNAUTHENTICATED)
 */
public class GrpcCallFailedException extends RuntimeException {

    private final Problem problem;
    private final Long retryAfterSeconds;
    private final boolean challenge;

    GrpcCallFailedException(Problem problem, Long retryAfterSeconds, boolean challenge) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
        this.challenge = challenge;
    }

    public Problem problem() {
        return problem;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public boolean challenge() {
        return challenge;
    }
}
