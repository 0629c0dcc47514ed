package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.http.HttpProblem;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.MessageRecord;

/**
 * {@code contentFormat} (and the older {@code excludeContent}): how much content each message carries. As on the
 * reference, {@code contentFormat} wins when given; otherwise {@code excludeContent=true} is {@link #NONE}.
 */
enum ContentFormat {
    /** The whole content. */
    FULL,
    /** The content's address, and per type: a POST's type and ref, an AGGREGATE's key, a STORE's item_hash and ref. */
    HEADERS,
    /** No {@code content} key at all. */
    NONE;

    static ContentFormat of(Query query) {
        boolean excludeContent = query.bool("excludeContent");
        String value = query.string("contentFormat");
        if (value == null) {
            return excludeContent ? NONE : FULL;
        }
        return switch (value) {
            case "full" -> FULL;
            case "headers" -> HEADERS;
            case "none" -> NONE;
            default -> throw new HttpProblem(422, query.label("contentFormat") + ": '" + Query.shorten(value)
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
            case STORE -> {
                putIfPresent(headers, "item_hash", content.itemHash());
                putIfPresent(headers, "ref", content.ref());
            }
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
