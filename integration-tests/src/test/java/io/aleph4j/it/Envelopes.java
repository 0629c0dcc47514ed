package io.aleph4j.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.message.Message;
import java.math.BigDecimal;

/** Signed messages as clients send them over HTTP. */
final class Envelopes {

    static final ObjectMapper JSON = new ObjectMapper();

    private Envelopes() {
    }

    /** The envelope as the TypeScript SDK writes it. */
    static ObjectNode of(Message message) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("chain", message.chain().code());
        envelope.put("sender", message.sender());
        envelope.put("type", message.type().name());
        envelope.put("channel", message.channel());
        envelope.put("time", new BigDecimal(Double.toString(message.time())));
        envelope.put("item_type", message.itemType().wireName());
        if (message.itemContent() != null) {
            envelope.put("item_content", message.itemContent());
        }
        envelope.put("item_hash", message.itemHash().value());
        envelope.put("signature", message.signature());
        return envelope;
    }

    /** The body of {@code POST /api/v0/messages}. */
    static String publish(Message message, boolean sync) {
        ObjectNode body = JSON.createObjectNode();
        body.put("sync", sync);
        body.set("message", of(message));
        return body.toString();
    }
}
