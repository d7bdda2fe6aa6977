package io.grpclab.lab.tls;

import java.util.Locale;

/**
 * The steps of a TLS 1.3 connection and its first call, in the order they happen, and how each one's failure reads in
 * the exceptions grpc-java's client gets (the JDK's or OpenSSL's words).
 */
public enum TlsStep {
    CONNECT("TCP connection to the listener"),
    SERVER_CHAIN("the client checks the server's certificate chain against the CAs it trusts"),
    SERVER_DATES("the client checks the server certificate's validity dates"),
    SERVER_NAME("the client checks that the certificate names the host it called"),
    CLIENT_CERTIFICATE_SENT("the server asks for a client certificate and the client sends one"),
    CLIENT_CHAIN("the server checks the client's certificate chain against the CAs it trusts"),
    CALL("the call over the new connection");

    private final String words;

    TlsStep(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    /**
     * The step a failure's text points at: the messages of the status and of its causes, lower case. Null when
     * nothing in it names a TLS step.
     */
    static TlsStep of(String failure) {
        String text = failure.toLowerCase(Locale.ROOT);
        if (text.contains("certificate_required") || text.contains("certificate required")) {
            return CLIENT_CERTIFICATE_SENT;
        }
        if (text.contains("bad_certificate") || text.contains("unknown_ca") || text.contains("certificate_unknown")
                || text.contains("bad certificate") || text.contains("unknown ca")) {
            return CLIENT_CHAIN;
        }
        if (text.contains("expired") || text.contains("validity check failed") || text.contains("notafter")) {
            return SERVER_DATES;
        }
        if (text.contains("no subject alternative") || text.contains("no name matching")
                || text.contains("hostname") && text.contains("match")) {
            return SERVER_NAME;
        }
        if (text.contains("unable to find valid certification path") || text.contains("pkix path")
                || text.contains("certpath") || text.contains("unable to get local issuer")) {
            return SERVER_CHAIN;
        }
        if (text.contains("connection refused")) {
            return CONNECT;
        }
        return null;
    }
}
