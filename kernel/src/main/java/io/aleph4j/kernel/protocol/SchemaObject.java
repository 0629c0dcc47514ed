package io.aleph4j.kernel.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One JSON object checked field by field as a pydantic model of aleph-message validates it (lax mode: a bool may
 * be written 0, 1, "true", "yes"...; an int may be a whole float or a numeric string, unless the field is strict),
 * naming each failing field by its path, e.g. {@code code.ref}. Fields come in three kinds: required (present, not
 * null), defaulted (may be absent, never null) and optional (absent or null).
 */
final class SchemaObject {

    /** How a field may be left out. */
    enum Need {
        /** Present and not null. */
        REQUIRED,
        /** May be absent (its default applies) but never null. */
        DEFAULTED,
        /** May be absent or null. */
        OPTIONAL
    }

    private static final Set<String> TRUE_WORDS = Set.of("1", "on", "t", "true", "y", "yes");
    private static final Set<String> FALSE_WORDS = Set.of("0", "off", "f", "false", "n", "no");
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");
    private static final Pattern BASE58 = Pattern.compile("[1-9A-HJ-NP-Za-km-z]*");
    private static final Pattern BASE32_LOWER = Pattern.compile("[a-z2-7]*");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private final String type;
    private final String path;
    private final JsonNode node;

    private SchemaObject(String type, String path, JsonNode node) {
        this.type = type;
        this.path = path;
        this.node = node;
    }

    /** The content object of a message of {@code type} (PROGRAM, INSTANCE). */
    static SchemaObject root(String type, JsonNode node) {
        return new SchemaObject(type, "", node);
    }

    /** aleph-message's {@code extra="forbid"}: any other field is an error. */
    SchemaObject only(Set<String> allowed) throws MessageFormatException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw error(at(name), "is not a field of this object (extra fields are forbidden)");
            }
        }
        return this;
    }

    /** Whether the field is present (null included). */
    boolean has(String field) {
        return node.has(field);
    }

    /** The number of fields, for models that cap them. */
    int size() {
        return node.size();
    }

    String string(String field, Need need, int maxLength) throws MessageFormatException {
        JsonNode value = present(field, need);
        if (value == null) {
            return null;
        }
        if (!value.isTextual()) {
            throw error(at(field), "must be a string");
        }
        if (value.textValue().length() > maxLength) {
            throw error(at(field), "must be at most " + maxLength + " characters");
        }
        return value.textValue();
    }

    String string(String field, Need need) throws MessageFormatException {
        return string(field, need, Integer.MAX_VALUE);
    }

    /** One of the given values (an enum or a literal). */
    String oneOf(String field, Need need, Set<String> values) throws MessageFormatException {
        String value = string(field, need);
        if (value != null && !values.contains(value)) {
            throw error(at(field), "must be one of " + values.stream().sorted().toList());
        }
        return value;
    }

    /** An aleph item hash: 64 lowercase hex characters, or an IPFS CID ({@code Qm...} or {@code bafy...}). */
    String itemHash(String field, Need need) throws MessageFormatException {
        String value = string(field, need);
        if (value != null && !isItemHash(value)) {
            throw error(at(field), "is not an item hash (sha256 hex or an IPFS CID): " + value);
        }
        return value;
    }

    static boolean isItemHash(String value) {
        if (value.startsWith("Qm") && value.length() >= 44 && value.length() <= 46) {
            return BASE58.matcher(value.substring(2)).matches();
        }
        if (value.startsWith("bafy") && value.length() == 59) {
            return BASE32_LOWER.matcher(value.substring(4)).matches();
        }
        return HEX64.matcher(value).matches();
    }

    Boolean bool(String field, Need need) throws MessageFormatException {
        JsonNode value = present(field, need);
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && (value.asLong() == 0 || value.asLong() == 1)) {
            return value.asLong() == 1;
        }
        if (value.isTextual()) {
            String word = value.textValue().toLowerCase(java.util.Locale.ROOT);
            if (TRUE_WORDS.contains(word)) {
                return true;
            }
            if (FALSE_WORDS.contains(word)) {
                return false;
            }
        }
        throw error(at(field), "must be a boolean");
    }

    /** An int in [min, max]; strict: only a JSON integer (aleph-message's {@code strict=True} sizes). */
    Long integer(String field, Need need, long min, long max, boolean strict) throws MessageFormatException {
        JsonNode value = present(field, need);
        if (value == null) {
            return null;
        }
        Long number = null;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            number = value.longValue();
        } else if (!strict && value.isFloatingPointNumber() && wholeNumber(value.decimalValue())) {
            number = value.decimalValue().longValue();
        } else if (!strict && value.isTextual() && INTEGER_TEXT.matcher(value.textValue().strip()).matches()) {
            number = Long.parseLong(value.textValue().strip());
        }
        if (number == null) {
            throw error(at(field), strict ? "must be an integer (strictly)" : "must be an integer");
        }
        if (number < min || number > max) {
            throw error(at(field), "must be between " + min + " and " + max);
        }
        return number;
    }

    private static boolean wholeNumber(BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0 && value.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0;
    }

    /** A nested object, or empty when an optional one is absent or null. */
    Optional<SchemaObject> object(String field, Need need) throws MessageFormatException {
        JsonNode value = present(field, need);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw error(at(field), "must be a JSON object");
        }
        return Optional.of(new SchemaObject(type, at(field), value));
    }

    /** A list of at most {@code maxItems}; empty when an optional one is absent or null. */
    List<Element> list(String field, Need need, int maxItems) throws MessageFormatException {
        JsonNode value = present(field, need);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw error(at(field), "must be a list");
        }
        if (value.size() > maxItems) {
            throw error(at(field), "must have at most " + maxItems + " items");
        }
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            elements.add(new Element(type, at(field) + "." + i, value.get(i)));
        }
        return elements;
    }

    /** A map of string keys of at most {@code maxKey} characters to values checked by the caller. */
    List<Element> map(String field, Need need, int maxEntries, int maxKey) throws MessageFormatException {
        Optional<SchemaObject> map = object(field, need);
        if (map.isEmpty()) {
            return List.of();
        }
        JsonNode entries = map.get().node;
        if (entries.size() > maxEntries) {
            throw error(at(field), "must have at most " + maxEntries + " entries");
        }
        List<Element> elements = new ArrayList<>();
        for (Iterator<String> names = entries.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (name.length() > maxKey) {
                throw error(at(field), "has a key longer than " + maxKey + " characters");
            }
            elements.add(new Element(type, at(field) + "." + name, entries.get(name)));
        }
        return elements;
    }

    /** One item of a list or value of a map, by its path. */
    record Element(String type, String path, JsonNode node) {

        SchemaObject asObject() throws MessageFormatException {
            if (!node.isObject()) {
                throw new MessageFormatException(type + " content field '" + path + "' must be a JSON object");
            }
            return new SchemaObject(type, path, node);
        }

        String asString(int maxLength) throws MessageFormatException {
            if (!node.isTextual()) {
                throw new MessageFormatException(type + " content field '" + path + "' must be a string");
            }
            if (node.textValue().length() > maxLength) {
                throw new MessageFormatException(type + " content field '" + path + "' must be at most " + maxLength
                        + " characters");
            }
            return node.textValue();
        }
    }

    /** An error about this object as a whole (a cross-field rule). */
    MessageFormatException invalid(String why) {
        return new MessageFormatException(type + " content" + (path.isEmpty() ? "" : " field '" + path + "'") + ": "
                + why);
    }

    private JsonNode present(String field, Need need) throws MessageFormatException {
        JsonNode value = node.get(field);
        if (value == null) {
            if (need == Need.REQUIRED) {
                throw error(at(field), "is required");
            }
            return null;
        }
        if (value.isNull()) {
            if (need != Need.OPTIONAL) {
                throw error(at(field), need == Need.REQUIRED ? "is required" : "may not be null");
            }
            return null;
        }
        return value;
    }

    private String at(String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private MessageFormatException error(String field, String why) {
        return new MessageFormatException(type + " content field '" + field + "' " + why);
    }
}
