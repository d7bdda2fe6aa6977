package io.grpclab.transcoding;

import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Descriptors;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;

/**
 * The request message of an HTTP call, as google.api.http maps it: the body ({@code *}: the whole message; a field
 * name: that field), the path variables, and, where the body is not the whole message, the query parameters, each
 * a (dotted) field path. All three become one proto3 JSON object that protobuf's own {@link JsonFormat} parses, so
 * every proto3 JSON rule holds for all of them (either field name, int64 as strings, enums by name or number,
 * well-known types), and a wrong value fails naming its field. The body is read strictly first
 * ({@link StrictProtoJson}): JsonFormat's own reader takes what proto3 JSON does not.
 */
public final class RequestMessages {

    /** Message types a query parameter may set: they are written as one JSON string or number. */
    private static final Set<String> ONE_VALUE_TYPES = Set.of("google.protobuf.Timestamp", "google.protobuf.Duration",
            "google.protobuf.FieldMask", "google.protobuf.DoubleValue", "google.protobuf.FloatValue",
            "google.protobuf.Int64Value", "google.protobuf.UInt64Value", "google.protobuf.Int32Value",
            "google.protobuf.UInt32Value", "google.protobuf.BoolValue", "google.protobuf.StringValue",
            "google.protobuf.BytesValue");

    private final JsonFormat.Parser parser;
    private final boolean ignoreUnknownFields;

    /** @param ignoreUnknownFields whether unknown fields and query parameters are dropped instead of refused */
    public RequestMessages(boolean ignoreUnknownFields) {
        this.ignoreUnknownFields = ignoreUnknownFields;
        this.parser = ignoreUnknownFields ? JsonFormat.parser().ignoringUnknownFields() : JsonFormat.parser();
    }

    /**
     * @param body the request body; null or empty when there is none
     * @throws InvalidRequestException naming the field (or the body) that cannot be read
     */
    public DynamicMessage build(HttpBinding binding, Map<String, String> pathValues, Map<String, List<String>> query,
            String body) {
        Descriptors.Descriptor type = binding.method().getInputType();
        boolean hasBody = body != null && !body.isBlank();
        JsonNode parsed = hasBody ? StrictProtoJson.parse(body) : null;
        ObjectNode message;
        if (binding.body().equals("*")) {
            message = hasBody ? object(parsed) : JsonNodeFactory.instance.objectNode();
            StrictProtoJson.checkMessage(message, type, "");
            if (hasBody && pathValues.isEmpty()) {
                DynamicMessage.Builder direct = DynamicMessage.newBuilder(type);
                try { // the common case, parsed once more by JsonFormat; the slower path below only names the field
                    parser.merge(body, direct);
                    return direct.build();
                } catch (InvalidProtocolBufferException refused) {
                    // falls through: reported with the field it concerns
                }
            }
        } else {
            message = JsonNodeFactory.instance.objectNode();
            if (!binding.body().isEmpty() && hasBody) {
                List<Descriptors.FieldDescriptor> bound = FieldPaths.resolve(type, binding.body(), "body");
                StrictProtoJson.checkField(bound.get(bound.size() - 1), parsed, binding.body());
                put(message, type, binding.body(), parsed, "body");
            }
            for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
                putQuery(message, type, binding, pathValues, parameter.getKey(), parameter.getValue());
            }
        }
        for (Map.Entry<String, String> variable : pathValues.entrySet()) {
            put(message, type, variable.getKey(), JsonNodeFactory.instance.textNode(variable.getValue()), "path");
        }
        return merge(message, type);
    }

    /** @throws InvalidRequestException on "body" when it is not exactly one JSON value (RFC 8259) */
    public static JsonNode parse(String body) {
        return StrictProtoJson.parse(body);
    }

    /**
     * One message from its proto3 JSON, read as strictly as a request body: for a caller that names the method
     * itself (the lab's explorer), with no HTTP rule between.
     *
     * @throws InvalidRequestException naming the field (or "body") that cannot be read
     */
    public DynamicMessage message(Descriptors.Descriptor type, JsonNode json) {
        ObjectNode message = object(json);
        StrictProtoJson.checkMessage(message, type, "");
        return merge(message, type);
    }

    /** The message JsonFormat reads from the object, or the field it refused, named. */
    private DynamicMessage merge(ObjectNode message, Descriptors.Descriptor type) {
        DynamicMessage.Builder builder = DynamicMessage.newBuilder(type);
        try {
            parser.merge(message.toString(), builder);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidRequestException(culprit(message, type, ""), reason(e.getMessage()));
        }
        return builder.build();
    }

    /** JsonFormat's words, said as the query parameters' are: "Cannot find field: x in message T" is unknown. */
    private static String reason(String jsonFormat) {
        int in = jsonFormat == null ? -1 : jsonFormat.indexOf(" in message ");
        if (jsonFormat != null && jsonFormat.startsWith("Cannot find field: ") && in > 0) {
            return "is not a field of " + jsonFormat.substring(in + " in message ".length());
        }
        return "does not fit: " + jsonFormat;
    }

    /**
     * The field whose value JsonFormat refused, which its message does not always name: each field parsed alone, and
     * within a message field, its own fields. Only on the error path.
     */
    private String culprit(ObjectNode message, Descriptors.Descriptor type, String prefix) {
        var entries = message.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            ObjectNode alone = JsonNodeFactory.instance.objectNode().set(entry.getKey(), entry.getValue());
            try {
                parser.merge(alone.toString(), DynamicMessage.newBuilder(type));
            } catch (InvalidProtocolBufferException refused) {
                Descriptors.FieldDescriptor field = FieldPaths.field(type, entry.getKey());
                if (field != null && !field.isMapField() && !field.isRepeated() && entry.getValue().isObject()
                        && field.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
                        && !field.getMessageType().getFile().getPackage().equals("google.protobuf")) {
                    return culprit((ObjectNode) entry.getValue(), field.getMessageType(),
                            prefix + entry.getKey() + ".");
                }
                return prefix + entry.getKey();
            }
        }
        return "body";
    }

    /**
     * A query parameter's value at its field. One naming a field the path or the body binds, or a field within one, is
     * not a query parameter (google/api/http.proto): it is ignored, as grpc-gateway ignores it, so that the path and
     * the body keep their values.
     */
    private void putQuery(ObjectNode message, Descriptors.Descriptor type, HttpBinding binding,
            Map<String, String> pathValues, String path, List<String> values) {
        List<Descriptors.FieldDescriptor> fields;
        try {
            fields = FieldPaths.resolve(type, path, "query parameter");
        } catch (IllegalArgumentException unknown) {
            if (ignoreUnknownFields) {
                return;
            }
            throw new InvalidRequestException(path, "is not a field of " + type.getFullName());
        }
        if (!binding.body().isEmpty() && within(fields, FieldPaths.resolve(type, binding.body(), "body"))) {
            return;
        }
        for (String variable : pathValues.keySet()) {
            if (within(fields, FieldPaths.resolve(type, variable, "path"))) {
                return;
            }
        }
        Descriptors.FieldDescriptor last = fields.get(fields.size() - 1);
        if (last.isMapField() || (last.getJavaType() == Descriptors.FieldDescriptor.JavaType.MESSAGE
                && !ONE_VALUE_TYPES.contains(last.getMessageType().getFullName()))) {
            throw new InvalidRequestException(path, "is a message or map field: send it in the body");
        }
        if (!last.isRepeated() && values.size() > 1) {
            throw new InvalidRequestException(path, "is not repeated, but was given " + values.size() + " times");
        }
        JsonNode value;
        if (last.isRepeated()) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            values.forEach(array::add);
            value = array;
        } else {
            value = JsonNodeFactory.instance.textNode(values.get(0));
        }
        put(message, type, path, value, "query");
    }

    /** Whether the field path {@code fields} is {@code bound} or a field within it. */
    private static boolean within(List<Descriptors.FieldDescriptor> fields, List<Descriptors.FieldDescriptor> bound) {
        return fields.size() >= bound.size() && fields.subList(0, bound.size()).equals(bound);
    }

    /** Sets the value at the field path, creating the objects on the way (under the fields' JSON names). */
    private static void put(ObjectNode message, Descriptors.Descriptor type, String path, JsonNode value, String from) {
        List<Descriptors.FieldDescriptor> fields;
        try {
            fields = FieldPaths.resolve(type, path, from);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(path, e.getMessage());
        }
        ObjectNode at = message;
        for (int i = 0; i < fields.size() - 1; i++) {
            JsonNode next = at.get(fields.get(i).getJsonName());
            if (next == null || !next.isObject()) {
                next = at.putObject(fields.get(i).getJsonName());
            }
            at = (ObjectNode) next;
        }
        Descriptors.FieldDescriptor last = fields.get(fields.size() - 1);
        at.remove(last.getName()); // the proto name and the JSON name are the same field: the later source wins
        at.set(last.getJsonName(), value);
    }

    private static ObjectNode object(JsonNode node) {
        if (!node.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object");
        }
        return (ObjectNode) node;
    }
}
