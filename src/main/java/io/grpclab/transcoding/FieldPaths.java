package io.grpclab.transcoding;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Descriptors;

/**
 * Dotted field paths ({@code a.b.c}) of a message, as HTTP rules and query parameters write them (proto or JSON names),
 * resolved to field descriptors.
 */
final class FieldPaths {

    private FieldPaths() {
    }

    /**
     * The fields along the path, outermost first; every one but the last is a singular message field.
     *
     * @throws IllegalArgumentException naming the path, what {@code where} it was found and the field that is missing
     */
    static List<Descriptors.FieldDescriptor> resolve(Descriptors.Descriptor message, String path, String where) {
        List<Descriptors.FieldDescriptor> fields = new ArrayList<>();
        Descriptors.Descriptor current = message;
        String[] names = path.split("\\.");
        for (int i = 0; i < names.length; i++) {
            Descriptors.FieldDescriptor field = current == null ? null : field(current, names[i]);
            if (field == null) {
                throw new IllegalArgumentException(where + " '" + path + "': " + message.getFullName()
                        + " has no field '" + names[i] + "' there");
            }
            boolean last = i == names.length - 1;
            if (!last && (field.isRepeated() || field.getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE)) {
                throw new IllegalArgumentException(where + " '" + path + "': '" + names[i] + "' is not a singular "
                        + "message field, so the path cannot go through it");
            }
            fields.add(field);
            current = last ? null : field.getMessageType();
        }
        return List.copyOf(fields);
    }

    /** By its proto name, or its JSON (lowerCamel) name, as proto3 JSON accepts both. */
    static Descriptors.FieldDescriptor field(Descriptors.Descriptor message, String name) {
        Descriptors.FieldDescriptor field = message.findFieldByName(name);
        if (field != null) {
            return field;
        }
        for (Descriptors.FieldDescriptor candidate : message.getFields()) {
            if (candidate.getJsonName().equals(name)) {
                return candidate;
            }
        }
        return null;
    }
}
