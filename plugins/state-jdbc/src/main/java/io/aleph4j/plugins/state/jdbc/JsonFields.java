package io.aleph4j.plugins.state.jdbc;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The few things the store reads inside JSON it keeps, and the JSON it writes itself (a node metric's values), with
 * jackson-core's streaming parser. JSON that does not parse reads as holding nothing: the store indexes what the
 * pipeline gives it and never refuses a write for it.
 */
final class JsonFields {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonFields() {
    }

    /**
     * Who a security aggregate authorizes: the {@code address} text of each object in its {@code authorizations}
     * list. No list, entries that are no objects, and addresses that are no text name nobody.
     */
    static Set<String> grantees(String aggregateJson) {
        Set<String> grantees = new LinkedHashSet<>();
        if (parse(aggregateJson) instanceof Map<?, ?> aggregate
                && aggregate.get("authorizations") instanceof List<?> authorizations) {
            for (Object entry : authorizations) {
                if (entry instanceof Map<?, ?> authorization
                        && authorization.get("address") instanceof String address) {
                    grantees.add(address);
                }
            }
        }
        return grantees;
    }

    /**
     * The refs a PROGRAM or INSTANCE content names, as {@code ContentFields.volumeRefs()} describes them:
     * {@code code.ref}, {@code runtime.ref}, {@code data.ref}, each volume's {@code ref} (immutable volumes are the
     * ones with a ref) and {@code rootfs.parent.ref}. Used only to fill the column for messages stored before it
     * existed; the pipeline gives the refs of new messages.
     */
    static List<String> volumeRefs(String contentJson) {
        List<String> refs = new ArrayList<>();
        if (!(parse(contentJson) instanceof Map<?, ?> content)) {
            return refs;
        }
        for (String part : List.of("code", "runtime", "data")) {
            addRef(refs, content.get(part));
        }
        if (content.get("volumes") instanceof List<?> volumes) {
            volumes.forEach(volume -> addRef(refs, volume));
        }
        if (content.get("rootfs") instanceof Map<?, ?> rootfs) {
            addRef(refs, rootfs.get("parent"));
        }
        return refs;
    }

    private static void addRef(List<String> refs, Object holder) {
        if (holder instanceof Map<?, ?> map && map.get("ref") instanceof String ref) {
            refs.add(ref);
        }
    }

    /**
     * A node metric's values as a JSON object. Numbers are written so that they read back equal; the values JSON
     * has no number for (NaN, infinities) are written as their Java text.
     */
    static String measurements(Map<String, Double> values) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartObject();
            for (Map.Entry<String, Double> value : values.entrySet()) {
                json.writeFieldName(value.getKey());
                if (Double.isFinite(value.getValue())) {
                    json.writeNumber(value.getValue());
                } else {
                    json.writeString(Double.toString(value.getValue()));
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing node metric values", e);
        }
        return text.toString();
    }

    /** The values {@link #measurements(Map)} wrote. */
    static Map<String, Double> measurements(String json) {
        Map<String, Double> values = new LinkedHashMap<>();
        if (parse(json) instanceof Map<?, ?> object) {
            object.forEach((name, value) -> {
                if (value instanceof Number number) {
                    values.put((String) name, number.doubleValue());
                } else if (value instanceof String text) {
                    values.put((String) name, Double.parseDouble(text));
                }
            });
        }
        return values;
    }

    /** The JSON as maps, lists, strings, numbers (doubles), booleans and nulls; null when it does not parse. */
    private static Object parse(String json) {
        if (json == null) {
            return null;
        }
        try (JsonParser parser = FACTORY.createParser(json)) {
            return parser.nextToken() == null ? null : value(parser);
        } catch (IOException e) {
            return null;
        }
    }

    private static Object value(JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                Map<String, Object> object = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.put(name, value(parser));
                }
                return object;
            }
            case START_ARRAY -> {
                List<Object> array = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(value(parser));
                }
                return array;
            }
            case VALUE_STRING -> {
                return parser.getText();
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return parser.getDoubleValue();
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return parser.getBooleanValue();
            }
            default -> {
                return null;
            }
        }
    }
}
