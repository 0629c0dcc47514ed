package io.aleph4j.kernel.internal.network;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.aleph4j.api.message.Message;
import io.aleph4j.kernel.internal.KernelJson;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * A message's envelope as the reference publishes it on {@code ALEPH-TEST}: compact JSON with its keys sorted
 * ({@code aleph_json.dumps}, orjson with OPT_SORT_KEYS), {@code channel} and {@code item_content} only when the
 * message has them, {@code time} as a plain decimal number.
 */
final class EnvelopeJson {

    private EnvelopeJson() {
    }

    static byte[] of(Message message) {
        ObjectNode envelope = KernelJson.MAPPER.createObjectNode();
        envelope.put("chain", message.chain().code());
        if (message.channel() != null) {
            envelope.put("channel", message.channel());
        }
        if (message.itemContent() != null) {
            envelope.put("item_content", message.itemContent());
        }
        envelope.put("item_hash", message.itemHash().value());
        envelope.put("item_type", message.itemType().wireName());
        envelope.put("sender", message.sender());
        envelope.put("signature", message.signature());
        envelope.put("time", new BigDecimal(Double.toString(message.time())));
        envelope.put("type", message.type().name());
        try {
            return KernelJson.MAPPER.writeValueAsString(envelope).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an envelope did not serialize", e);
        }
    }
}
