package io.grpclab.transcoding;

import java.util.ArrayList;
import java.util.List;

import com.google.protobuf.Descriptors;

/** Dotted field paths ({@code a.b.c}) of a message, as HTTP rules write them, resolved to field descriptors. */
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
            Descriptors.FieldDescriptor field = current == null ? null : current.findFieldByName(names[i]);
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
}
