package io.aleph4j.plugins.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.state.MessageRecord;
import java.time.Instant;

/** Messages in the reference's JSON shapes: a list item, a single message by status, a status line. */
final class MessageJson {

    private MessageJson() {
    }

    /** An item of {@code messages.json}: the envelope, the stored content, size; no status. */
    static ObjectNode listItem(MessageRecord record) {
        ObjectNode item = confirmed(envelope(record));
        item.put("size", record.size());
        String content = contentJson(record);
        if (content != null) {
            item.set("content", Json.parse(content));
        }
        return item;
    }

    /** {@code GET /api/v0/messages/{hash}}: the status, and the message in the shape its status calls for. */
    static ObjectNode single(MessageRecord record) {
        ObjectNode body = status(record);
        ObjectNode message = envelope(record);
        switch (record.status()) {
            case PENDING -> {
                // The reference lists every pending copy, with the time as an ISO string.
                message.put("time", Json.isoZ(Instant.ofEpochMilli(Math.round(record.time() * 1000))));
                message.set("content", Json.parse(contentJson(record)));
                message.put("reception_time", Json.isoZ(record.receivedAt()));
                body.set("messages", Json.array().add(message));
            }
            case REJECTED -> {
                body.set("message", message);
                body.put("error_code", record.rejection().orElseThrow().code().code());
                ObjectNode details = Json.object();
                details.set("errors", Json.array().add(record.rejection().orElseThrow().detail()));
                body.set("details", details);
            }
            case FORGOTTEN, REMOVED -> {
                message.remove("item_content");
                message.put("owner", record.content() == null ? null : record.content().address());
                message.put("size", record.size());
                body.set("message", message);
                body.set("forgotten_by", Json.strings(record.forgottenBy()));
            }
            default -> {
                message.set("content", Json.parse(contentJson(record)));
                body.set("message", confirmed(message));
            }
        }
        return body;
    }

    /** {@code GET /api/v0/messages/{hash}/status}. */
    static ObjectNode status(MessageRecord record) {
        ObjectNode body = Json.object();
        body.put("status", record.status().wireName());
        body.put("item_hash", record.itemHash().value());
        body.put("reception_time", Json.isoZ(record.receivedAt()));
        return body;
    }

    /** The content as stored; null before it was read and once the message is forgotten. */
    private static String contentJson(MessageRecord record) {
        return record.content() == null ? null : record.content().json();
    }

    private static ObjectNode envelope(MessageRecord record) {
        ObjectNode message = Json.object();
        message.put("sender", record.sender());
        message.put("chain", record.chain().code());
        message.put("signature", record.signature());
        message.put("type", record.type().name());
        message.put("item_content", record.itemContent());
        message.put("item_type", record.itemType().wireName());
        message.put("item_hash", record.itemHash().value());
        message.put("time", Json.seconds(record.time()));
        message.put("channel", record.channel());
        return message;
    }

    /** The chain confirmations: none yet, as the node reads no chain. */
    private static ObjectNode confirmed(ObjectNode message) {
        message.put("confirmed", false);
        message.set("confirmations", Json.array());
        return message;
    }
}
