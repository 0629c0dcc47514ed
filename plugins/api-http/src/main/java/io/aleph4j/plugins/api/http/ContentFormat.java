package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.MessageRecord;

/** {@code contentFormat} (and the older {@code excludeContent}): how much content each message carries. */
enum ContentFormat {
    FULL, HEADERS, NONE;

    static ContentFormat of(Query query) {
        if (query.bool("excludeContent")) {
            return NONE;
        }
        String value = query.string("contentFormat");
        if (value == null) {
            return FULL;
        }
        return switch (value) {
            case "full" -> FULL;
            case "headers" -> HEADERS;
            case "none" -> NONE;
            default -> throw new HttpProblem(422, "contentFormat: '" + Query.shorten(value)
                    + "' is not full, headers or none");
        };
    }

    void apply(ObjectNode item, MessageRecord record) {
        if (this == FULL) {
            return;
        }
        item.remove("content");
        ContentFields content = record.content();
        if (this == NONE || content == null) {
            return;
        }
        ObjectNode headers = Json.object();
        headers.put("address", content.address());
        switch (record.type()) {
            case POST -> {
                putIfPresent(headers, "type", content.type());
                putIfPresent(headers, "ref", content.ref());
            }
            case AGGREGATE -> putIfPresent(headers, "key", content.key());
            case STORE -> putIfPresent(headers, "ref", content.ref());
            default -> {
            }
        }
        item.set("content", headers);
    }

    private static void putIfPresent(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
