package io.grpclab.transcoding;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;

import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * OpenAPI schemas of messages as proto3 JSON writes them (what {@code JsonFormat} prints and parses): 64-bit integers
 * as strings, bytes as base64, enums by name, the well-known types in their JSON forms (Timestamp an RFC 3339 string,
 * Duration {@code "1.5s"}, wrappers their value or null, Struct any object). Each message is one component schema
 * named by its full name, referenced from its uses; descriptions are the protos' comments.
 */
public final class ProtoJsonSchemas {

    private static final Map<String, Function<ProtoJsonSchemas, Schema>> WELL_KNOWN = Map.ofEntries(
            Map.entry("google.protobuf.Timestamp", s -> string("date-time")),
            Map.entry("google.protobuf.Duration", s -> string(null).pattern("^-?[0-9]+(\\.[0-9]{1,9})?s$")
                    .description("seconds with up to 9 decimals, and an s: 1.5s")),
            Map.entry("google.protobuf.FieldMask", s -> string(null).description("field paths, comma-separated")),
            Map.entry("google.protobuf.Struct", s -> OASFactory.createSchema().addType(SchemaType.OBJECT)),
            Map.entry("google.protobuf.Value", s -> OASFactory.createSchema().description("any JSON value")),
            Map.entry("google.protobuf.ListValue", s -> OASFactory.createSchema().addType(SchemaType.ARRAY)),
            Map.entry("google.protobuf.Empty", s -> OASFactory.createSchema().addType(SchemaType.OBJECT)),
            Map.entry("google.protobuf.Any", s -> OASFactory.createSchema().addType(SchemaType.OBJECT)
                    .addProperty("@type", string(null)).addRequired("@type")),
            Map.entry("google.protobuf.DoubleValue", s -> number("double").addType(SchemaType.NULL)),
            Map.entry("google.protobuf.FloatValue", s -> number("float").addType(SchemaType.NULL)),
            Map.entry("google.protobuf.Int64Value", s -> string("int64").addType(SchemaType.NULL)),
            Map.entry("google.protobuf.UInt64Value", s -> string("uint64").addType(SchemaType.NULL)),
            Map.entry("google.protobuf.Int32Value", s -> integer("int32").addType(SchemaType.NULL)),
            Map.entry("google.protobuf.UInt32Value", s -> integer("uint32").addType(SchemaType.NULL)),
            Map.entry("google.protobuf.BoolValue", s -> OASFactory.createSchema().addType(SchemaType.BOOLEAN)
                    .addType(SchemaType.NULL)),
            Map.entry("google.protobuf.StringValue", s -> string(null).addType(SchemaType.NULL)),
            Map.entry("google.protobuf.BytesValue", s -> string("byte").addType(SchemaType.NULL)));

    /** Whether proto3 JSON writes this message type in a form of its own, not as an object of its fields. */
    public static boolean isWellKnown(String fullName) {
        return WELL_KNOWN.containsKey(fullName);
    }

    private final Components components;
    private final Function<Descriptors.FileDescriptor, Map<String, String>> comments;

    /** @param comments a file's comments by full name ({@link ProtoComments}) */
    ProtoJsonSchemas(Components components, Function<Descriptors.FileDescriptor, Map<String, String>> comments) {
        this.components = components;
        this.comments = comments;
    }

    String comment(Descriptors.FileDescriptor file, String fullName) {
        return comments.apply(file).get(fullName);
    }

    /** A reference to the message's component schema, written (with those of the messages it holds) the first time. */
    Schema message(Descriptors.Descriptor message) {
        Function<ProtoJsonSchemas, Schema> wellKnown = WELL_KNOWN.get(message.getFullName());
        if (wellKnown != null) {
            return wellKnown.apply(this);
        }
        String name = message.getFullName();
        if (components.getSchemas() == null || !components.getSchemas().containsKey(name)) {
            Schema schema = OASFactory.createSchema().addType(SchemaType.OBJECT)
                    .description(comment(message.getFile(), name));
            components.addSchema(name, schema); // before its fields: a message may hold itself
            for (FieldDescriptor field : message.getFields()) {
                schema.addProperty(field.getJsonName(), field(field));
            }
        }
        return OASFactory.createSchema().ref(name);
    }

    /** The schema of the field at the path (proto or JSON names, dots between), with its comment. */
    Schema field(Descriptors.Descriptor message, String path) {
        List<FieldDescriptor> fields = FieldPaths.resolve(message, path, "field");
        return field(fields.get(fields.size() - 1));
    }

    /**
     * The query parameters of a route without a whole-message body: every field the path and the body do not bind,
     * singular message fields followed down to their own fields ({@code inner.label}), by JSON name.
     */
    Map<String, Schema> queryParameters(Descriptors.Descriptor input, HttpBinding binding) {
        Set<String> bound = new HashSet<>(binding.path().variables());
        if (!binding.body().isEmpty()) {
            bound.add(binding.body());
        }
        Map<String, Schema> parameters = new LinkedHashMap<>();
        addQueryParameters(input, "", "", bound, new HashSet<>(), parameters);
        return parameters;
    }

    private void addQueryParameters(Descriptors.Descriptor message, String protoPrefix, String jsonPrefix,
            Set<String> bound, Set<Descriptors.Descriptor> open, Map<String, Schema> parameters) {
        open.add(message);
        for (FieldDescriptor field : message.getFields()) {
            String protoPath = protoPrefix + field.getName();
            String jsonPath = jsonPrefix + field.getJsonName();
            if (bound.contains(protoPath) || bound.contains(jsonPath)) {
                continue;
            }
            boolean nested = field.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !field.isRepeated()
                    && !WELL_KNOWN.containsKey(field.getMessageType().getFullName());
            if (!nested) {
                parameters.put(jsonPath, field(field));
            } else if (!open.contains(field.getMessageType())) {
                addQueryParameters(field.getMessageType(), protoPath + ".", jsonPath + ".", bound, open, parameters);
            }
        }
        open.remove(message);
    }

    private Schema field(FieldDescriptor field) {
        Schema schema;
        if (field.isMapField()) {
            FieldDescriptor value = field.getMessageType().findFieldByName("value");
            schema = OASFactory.createSchema().addType(SchemaType.OBJECT).additionalPropertiesSchema(single(value));
        } else if (field.isRepeated()) {
            schema = OASFactory.createSchema().addType(SchemaType.ARRAY).items(single(field));
        } else {
            schema = single(field);
        }
        String comment = comment(field.getFile(), field.getContainingType().getFullName() + "." + field.getName());
        if (comment == null) {
            return schema;
        }
        // a $ref takes no siblings in OpenAPI 3.0: wrap it to carry the field's own description
        return schema.getRef() == null ? schema.description(comment)
                : OASFactory.createSchema().addAllOf(schema).description(comment);
    }

    private Schema single(FieldDescriptor field) {
        return switch (field.getType()) {
            case INT32, SINT32, SFIXED32 -> integer("int32");
            case UINT32, FIXED32 -> integer("int64").minimum(BigDecimal.ZERO);
            case INT64, SINT64, SFIXED64 -> string("int64");
            case UINT64, FIXED64 -> string("uint64");
            case FLOAT -> number("float");
            case DOUBLE -> number("double");
            case BOOL -> OASFactory.createSchema().addType(SchemaType.BOOLEAN);
            case STRING -> string(null);
            case BYTES -> string("byte");
            case ENUM -> enumeration(field.getEnumType());
            case MESSAGE, GROUP -> message(field.getMessageType());
        };
    }

    private Schema enumeration(Descriptors.EnumDescriptor type) {
        Schema schema = string(null).description(comment(type.getFile(), type.getFullName()));
        type.getValues().forEach(value -> schema.addEnumeration(value.getName()));
        return schema;
    }

    private static Schema string(String format) {
        return OASFactory.createSchema().addType(SchemaType.STRING).format(format);
    }

    private static Schema integer(String format) {
        return OASFactory.createSchema().addType(SchemaType.INTEGER).format(format);
    }

    private static Schema number(String format) {
        return OASFactory.createSchema().addType(SchemaType.NUMBER).format(format);
    }
}
