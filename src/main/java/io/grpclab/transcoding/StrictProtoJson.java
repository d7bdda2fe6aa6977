package io.grpclab.transcoding;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.FieldDescriptor;

/**
 * What proto3 JSON requires of a request body and protobuf's {@code JsonFormat} parser does not check. Its Gson reader
 * is lenient: it takes trailing data, comments, single quotes, unquoted keys and bare {@code NaN}, and it reads a
 * number, a boolean or a one-element array given for a string field as that string. So the body is first read
 * strictly (RFC 8259, one value, Jackson's defaults plus no trailing tokens) and its values checked against the
 * message's fields: a string or bytes field takes a JSON string, a bool a JSON boolean, a singular scalar no list or
 * object, and no string anywhere may hold a lone surrogate (it has no UTF-8 form: protobuf would send a {@code ?} and
 * log a warning). Everything else (number ranges, enum names, well-known types' forms) stays JsonFormat's to check.
 * Applied to the body only: path variables and query parameters are text by nature, and JsonFormat reads them as the
 * field's type.
 */
final class StrictProtoJson {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Well-known types whose JSON form is a string. */
    private static final Set<String> STRING_FORMS = Set.of("google.protobuf.StringValue",
            "google.protobuf.BytesValue");
    private static final String BOOL_FORM = "google.protobuf.BoolValue";

    private StrictProtoJson() {
    }

    /** @throws InvalidRequestException on "body" when it is not exactly one JSON value */
    static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("body", "is not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Checks an object's values against a message's fields.
     *
     * @param prefix the object's own path ("" for the request, "inner." within a field), for naming a culprit
     * @throws InvalidRequestException naming the field whose value is of the wrong kind
     */
    static void checkMessage(JsonNode object, Descriptors.Descriptor type, String prefix) {
        Iterator<Map.Entry<String, JsonNode>> entries = object.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String path = prefix + entry.getKey();
            requireUnicode(entry.getKey(), path);
            FieldDescriptor field = FieldPaths.field(type, entry.getKey());
            if (field == null) {
                requireUnicodeWithin(entry.getValue(), path); // unknown: JsonFormat refuses it, or it is ignored
            } else {
                checkField(field, entry.getValue(), path);
            }
        }
    }

    /** Checks the value given for one field (a list for a repeated field, an object for a map). */
    static void checkField(FieldDescriptor field, JsonNode value, String path) {
        if (value.isNull()) {
            return;
        }
        if (field.isMapField()) {
            FieldDescriptor mapValue = field.getMessageType().findFieldByName("value");
            Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
            while (entries.hasNext()) {
                Map.Entry<String, JsonNode> entry = entries.next();
                requireUnicode(entry.getKey(), path);
                checkValue(mapValue, entry.getValue(), path);
            }
        } else if (field.isRepeated() && value.isArray()) {
            for (JsonNode element : value) {
                checkValue(field, element, path);
            }
        } else if (!field.isRepeated()) {
            checkValue(field, value, path);
        } // a single value where a list goes: JsonFormat refuses it
    }

    private static void checkValue(FieldDescriptor field, JsonNode value, String path) {
        switch (field.getJavaType()) {
            case STRING, BYTE_STRING -> requireString(value, path);
            case BOOLEAN -> require(value.isBoolean(), path, "must be true or false");
            case MESSAGE -> checkMessageValue(field.getMessageType(), value, path);
            default -> require(value.isValueNode(), path, "must be a single value, not a list or an object");
        }
    }

    private static void checkMessageValue(Descriptors.Descriptor type, JsonNode value, String path) {
        if (value.isNull()) {
            return;
        }
        if (STRING_FORMS.contains(type.getFullName())) {
            requireString(value, path);
        } else if (type.getFullName().equals(BOOL_FORM)) {
            require(value.isBoolean(), path, "must be true or false");
        } else if (type.getFile().getPackage().equals("google.protobuf")) {
            requireUnicodeWithin(value, path); // Struct, Value, Any, Timestamp...: JsonFormat reads their forms
        } else if (value.isObject()) {
            checkMessage(value, type, path + ".");
        } // not an object: JsonFormat refuses it
    }

    private static void requireString(JsonNode value, String path) {
        require(value.isTextual(), path, "must be a JSON string");
        requireUnicode(value.textValue(), path);
    }

    private static void requireUnicodeWithin(JsonNode value, String path) {
        if (value.isTextual()) {
            requireUnicode(value.textValue(), path);
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> entries = value.fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            requireUnicode(entry.getKey(), path);
            requireUnicodeWithin(entry.getValue(), path);
        }
        if (value.isArray()) {
            for (JsonNode element : value) {
                requireUnicodeWithin(element, path);
            }
        }
    }

    /** No lone surrogate: {@code \ud800} is valid JSON syntax but no character, and has no UTF-8 form. */
    private static void requireUnicode(String text, String path) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                throw new InvalidRequestException(path, "holds a lone surrogate (\\u" + Integer.toHexString(c)
                        + "), which is not a character");
            }
        }
    }

    private static void require(boolean holds, String path, String reason) {
        if (!holds) {
            throw new InvalidRequestException(path, reason);
        }
    }
}
