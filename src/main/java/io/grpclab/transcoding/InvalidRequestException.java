package io.grpclab.transcoding;

/** A part of an HTTP request that does not fit the gRPC request message: the field (or "body") and why. */
public class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String reason) {
        super(reason, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
