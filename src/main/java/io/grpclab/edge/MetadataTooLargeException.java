package io.grpclab.edge;

/** The request's metadata is larger than the gateway forwards; answered as 431 problem+json. */
public class MetadataTooLargeException extends RuntimeException {

    public MetadataTooLargeException(int size, int max) {
        super("the Grpc-Metadata-* headers add up to " + size + " bytes of metadata (name + value + 32 per entry); "
                + "the limit is " + max + " (lab.gateway.max-metadata-size)", null, false, false);
    }
}
