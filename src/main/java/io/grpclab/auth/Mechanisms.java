package io.grpclab.auth;

/** The names a {@code SecurityIdentity} carries under {@link #ATTRIBUTE}: which mechanism authenticated it. */
final class Mechanisms {

    public static final String ATTRIBUTE = "lab.mechanism";
    public static final String BASIC = "basic";
    public static final String SESSION = "session";
    public static final String TOKEN = "token";
    public static final String MTLS = "mtls";

    /** Identity attributes that say which credential to revoke at logout. */
    public static final String SESSION_ID = "lab.session-id";
    public static final String TOKEN_ID = "lab.token-id";
    public static final String TOKEN_EXPIRES = "lab.token-expires";

    private Mechanisms() {
    }
}
