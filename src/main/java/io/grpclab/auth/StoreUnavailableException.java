package io.grpclab.auth;

/** The shared store (Redis) could not be reached or answered with an error: the call is UNAVAILABLE, not refused. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("the session store is unavailable", cause, false, false);
    }
}
