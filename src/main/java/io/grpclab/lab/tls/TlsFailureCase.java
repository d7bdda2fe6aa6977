package io.grpclab.lab.tls;

/** A TLS failure the lab makes happen, and the step of the handshake where it must show. */
public enum TlsFailureCase {
    /** The client trusts another CA than the one that issued the server's certificate. */
    UNTRUSTED_CA(TlsStep.SERVER_CHAIN),
    /** The server's certificate names another host than the one the client called. */
    WRONG_HOST(TlsStep.SERVER_NAME),
    /** The server's certificate expired yesterday. */
    EXPIRED(TlsStep.SERVER_DATES),
    /** The server requires a client certificate and the client has none. */
    NO_CLIENT_CERTIFICATE(TlsStep.CLIENT_CERTIFICATE_SENT),
    /** The client's certificate comes from a CA the server does not trust. */
    UNKNOWN_CLIENT_CA(TlsStep.CLIENT_CHAIN),
    /** Nothing wrong: every step passes and the call is answered. */
    NONE(TlsStep.CALL);

    private final TlsStep expected;

    TlsFailureCase(TlsStep expected) {
        this.expected = expected;
    }

    /** Where this case must fail (CALL for NONE, which must not). */
    public TlsStep expected() {
        return expected;
    }
}
