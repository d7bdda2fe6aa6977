package io.grpclab.transcoding;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.DebugInfo;
import com.google.rpc.ErrorDetailsProto;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The details a failed call carried in {@code grpc-status-details-bin} (a {@code google.rpc.Status}: BadRequest,
 * RetryInfo, ErrorInfo, ...), as proto3 JSON objects with their {@code @type}, for a problem body. DebugInfo is left
 * out: it holds stack entries, which a caller never sees. Details of types outside google/rpc/error_details.proto are
 * left out too, since they cannot be printed without their descriptors.
 * <p>
 * JsonFormat prints an {@code Any} through its generated accessors, found by reflection, and its content as a dynamic
 * message (no reflection): a native image needs {@code Any}'s registered, as protobuf-java's jar is not indexed.
 */
@RegisterForReflection(ignoreNested = true, targets = { Any.class, Any.Builder.class })
public final class StatusDetails {

    private static final String DEBUG_INFO = "type.googleapis.com/" + DebugInfo.getDescriptor().getFullName();
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace()
            .usingTypeRegistry(JsonFormat.TypeRegistry.newBuilder()
                    .add(ErrorDetailsProto.getDescriptor().getMessageTypes()).build());

    private StatusDetails() {
    }

    /** Each detail as a JSON object; empty when the call carried none. */
    public static List<String> asJson(Status status, Metadata trailers) {
        com.google.rpc.Status details = trailers == null ? null : StatusProto.fromStatusAndTrailers(status, trailers);
        if (details == null) {
            return List.of();
        }
        List<String> printed = new ArrayList<>();
        for (Any detail : details.getDetailsList()) {
            if (detail.getTypeUrl().equals(DEBUG_INFO)) {
                continue;
            }
            try {
                printed.add(PRINTER.print(detail));
            } catch (InvalidProtocolBufferException unknownType) {
                // a type of the server's own: not printable here
            }
        }
        return List.copyOf(printed);
    }
}
