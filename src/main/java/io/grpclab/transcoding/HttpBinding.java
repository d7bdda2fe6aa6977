package io.grpclab.transcoding;

import com.google.protobuf.Descriptors;

/**
 * One HTTP route of a gRPC method: its verb and path template, where the request message comes from ({@code body}:
 * {@code *} for the whole body, a field name for one field, empty for none: then path variables and query parameters
 * only), and which response field is the HTTP body ({@code responseBody}; empty: the whole response).
 */
record HttpBinding(String httpMethod, PathTemplate path, String body, String responseBody,
        Descriptors.MethodDescriptor method) {

    /** Streaming methods are listed, so that their routes can answer 501 rather than 404. */
    public boolean streaming() {
        return method.isClientStreaming() || method.isServerStreaming();
    }
}
