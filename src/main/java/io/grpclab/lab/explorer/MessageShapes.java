package io.grpclab.lab.explorer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;

import io.grpclab.transcoding.ProtoJsonSchemas;

/**
 * What the explorer's form needs to know of a message type: each field by its proto3 JSON name, with its kind, its
 * enum values, its message type, whether it repeats or is a map. A well-known type is a kind of its own (its JSON
 * form is a string, a number or any JSON), not a message to open. Types refer to each other by full name, so that a
 * message that contains itself is described once.
 */
final class MessageShapes {

    /** One field; {@code message} names a type of {@link #of}'s map, {@code mapValue} the value of a map field. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Field(String name, String protoName, String kind, Boolean repeated, String message, List<String> enumValues,
            Field mapKey, Field mapValue) {
    }

    record Shape(List<Field> fields) {
    }

    private MessageShapes() {
    }

    /** The shapes of these types and of every message type they reach, by full name. */
    static Map<String, Shape> of(List<Descriptors.Descriptor> roots) {
        Map<String, Shape> shapes = new LinkedHashMap<>();
        Deque<Descriptors.Descriptor> todo = new ArrayDeque<>(roots);
        while (!todo.isEmpty()) {
            Descriptors.Descriptor type = todo.poll();
            if (shapes.containsKey(type.getFullName()) || ProtoJsonSchemas.isWellKnown(type.getFullName())) {
                continue;
            }
            shapes.put(type.getFullName(), new Shape(type.getFields().stream().map(MessageShapes::field).toList()));
            for (FieldDescriptor field : type.getFields()) {
                FieldDescriptor held = field.isMapField() ? field.getMessageType().findFieldByName("value") : field;
                if (held.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                    todo.add(held.getMessageType());
                }
            }
        }
        return shapes;
    }

    private static Field field(FieldDescriptor field) {
        if (field.isMapField()) {
            Descriptors.Descriptor entry = field.getMessageType();
            return new Field(field.getJsonName(), field.getName(), "map", null, null, null,
                    field(entry.findFieldByName("key")), field(entry.findFieldByName("value")));
        }
        String kind;
        String message = null;
        List<String> values = null;
        switch (field.getJavaType()) {
            case MESSAGE -> {
                String name = field.getMessageType().getFullName();
                kind = ProtoJsonSchemas.isWellKnown(name) ? name : "message";
                message = ProtoJsonSchemas.isWellKnown(name) ? null : name;
            }
            case ENUM -> {
                kind = "enum";
                values = field.getEnumType().getValues().stream().map(Descriptors.EnumValueDescriptor::getName)
                        .toList();
            }
            default -> kind = field.getType().name().toLowerCase(Locale.ROOT);
        }
        return new Field(field.getJsonName(), field.getName(), kind, field.isRepeated() ? Boolean.TRUE : null,
                message, values, null, null);
    }
}
