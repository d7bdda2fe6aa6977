package io.grpclab.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;

import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A request field out of its bounds, answered the way Google's APIs answer it: INVALID_ARGUMENT whose
 * {@code grpc-status-details-bin} carries a google.rpc.BadRequest naming the field, so that any client (and the
 * gateway's problem body) can tell which field, not only read a sentence.
 * <p>
 * {@code Any.pack} asks the message for its descriptor, which protobuf 4 answers by building the message's accessor
 * table by reflection (on the message, its builder and its message fields' {@code newBuilder}): a native image needs
 * these registered, as their jar is not indexed and Quarkus does not register them (NativeImageReflectionTests).
 */
@RegisterForReflection(ignoreNested = true, targets = { BadRequest.class, BadRequest.Builder.class,
        BadRequest.FieldViolation.class })
public final class FieldViolations {

    private FieldViolations() {
    }

    /**
     * @param field the field's proto name (its path for a nested one: {@code a.b})
     * @param description why it was refused
     */
    public static StatusRuntimeException invalid(String field, String description) {
        BadRequest badRequest = BadRequest.newBuilder().addFieldViolations(BadRequest.FieldViolation.newBuilder()
                .setField(field).setDescription(description)).build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE).setMessage(field + " " + description)
                .addDetails(Any.pack(badRequest)).build());
    }

    /** A string field's length bound: the violation, or null when the value is within it. */
    public static StatusRuntimeException checkLength(String field, String value, int min, int max) {
        int length = value.codePointCount(0, value.length());
        if (min > 0 && value.isBlank()) {
            return invalid(field, "must not be blank");
        }
        return length > max ? invalid(field, "must be at most " + max + " characters, was " + length) : null;
    }
}
