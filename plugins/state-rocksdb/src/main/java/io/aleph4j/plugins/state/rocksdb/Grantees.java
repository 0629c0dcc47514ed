package io.aleph4j.plugins.state.rocksdb;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who a security aggregate authorizes: the {@code address} text of each object in its top-level
 * {@code authorizations} list. No list, entries that are no objects, addresses that are no text and JSON that does
 * not parse name nobody: the store indexes what the pipeline gives it and never refuses a write for it.
 */
final class Grantees {

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private Grantees() {
    }

    static Set<String> of(String aggregateJson) {
        Set<String> grantees = new LinkedHashSet<>();
        try (JsonParser parser = FACTORY.createParser(aggregateJson)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return grantees;
            }
            Set<String> last = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("authorizations")) {
                    // A repeated field counts as its last occurrence, as a JSON object read into a map does.
                    last = value == JsonToken.START_ARRAY ? addresses(parser) : new LinkedHashSet<>();
                    if (value != JsonToken.START_ARRAY) {
                        parser.skipChildren();
                    }
                } else {
                    parser.skipChildren();
                }
            }
            return last == null ? grantees : last;
        } catch (IOException e) {
            return grantees;
        }
    }

    /** The addresses in the entries of the array the parser is at the start of. */
    private static Set<String> addresses(JsonParser parser) throws IOException {
        Set<String> addresses = new LinkedHashSet<>();
        JsonToken entry;
        while ((entry = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (entry != JsonToken.START_OBJECT) {
                parser.skipChildren();
                continue;
            }
            String address = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("address")) {
                    address = value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            if (address != null) {
                addresses.add(address);
            }
        }
        return addresses;
    }
}
