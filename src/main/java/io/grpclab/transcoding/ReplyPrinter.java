package io.grpclab.transcoding;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;

/** A reply in proto3 JSON: the whole message, or the field a rule's {@code response_body} names. */
final class ReplyPrinter {

    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().omittingInsignificantWhitespace();
    /** A response_body field is the whole answer: at its default it is still printed (0, "", false, []). */
    private static final JsonFormat.Printer FIELD_PRINTER = PRINTER.alwaysPrintFieldsWithNoPresence();

    private final ObjectMapper json;

    ReplyPrinter(ObjectMapper json) {
        this.json = json;
    }

    /** The reply, or its {@code responseBody} field when the rule names one (not empty). */
    String print(Message reply, String responseBody) throws InvalidProtocolBufferException {
        return responseBody.isEmpty() ? PRINTER.print(reply) : field(reply, responseBody);
    }

    /**
     * The response_body field, printed as proto3 JSON prints it inside its message; at its default, the default's
     * JSON ({@code ""}, {@code 0}, {@code {}}), as grpc-gateway prints it, never {@code null}.
     */
    private String field(Message reply, String fieldPath) throws InvalidProtocolBufferException {
        List<Descriptors.FieldDescriptor> path = FieldPaths.resolve(reply.getDescriptorForType(), fieldPath,
                "response_body");
        Descriptors.FieldDescriptor last = path.get(path.size() - 1);
        boolean message = !last.isRepeated() && last.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE;
        JsonNode node;
        try { // a message prints its own fields as usual; a scalar, a list or a map is printed at its default too
            node = json.readTree((message ? PRINTER : FIELD_PRINTER).print(reply));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (Descriptors.FieldDescriptor field : path) {
            node = node.path(field.getJsonName());
        }
        return node.isMissingNode() ? "{}" : node.toString(); // missing: a message field that is not set
    }
}
