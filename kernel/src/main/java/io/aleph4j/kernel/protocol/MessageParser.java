package io.aleph4j.kernel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.kernel.internal.KernelJson;

/**
 * Reads a message envelope as clients and peers send it ({@code chain, sender, type, channel, time, item_type,
 * item_content, item_hash, signature}; other fields such as {@code content} or {@code confirmed} are ignored,
 * the node derives them). Structural checks only: whether the hash matches the content and the signature the
 * sender is the pipeline's business.
 */
public final class MessageParser {

    /** The reference's limit on channel names (aleph-message {@code MAX_CHANNEL_LENGTH}). */
    public static final int MAX_CHANNEL_LENGTH = 128;

    /** The reference's limit on inline content, in characters (pyaleph {@code MAX_INLINE_SIZE}). */
    public static final int MAX_INLINE_CHARACTERS = 200_000;


    private MessageParser() {
    }

    /** Parses envelope JSON text. */
    public static Message parse(String json) throws MessageFormatException {
        JsonNode node;
        try {
            node = KernelJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MessageFormatException("message is not valid JSON: " + e.getOriginalMessage());
        }
        return parse(node);
    }

    /** Parses an envelope already read as a JSON tree. */
    public static Message parse(JsonNode node) throws MessageFormatException {
        if (node == null || !node.isObject()) {
            throw new MessageFormatException("message must be a JSON object");
        }
        String chainCode = requiredText(node, "chain");
        Chain chain;
        try {
            chain = Chain.of(chainCode);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("field 'chain': " + e.getMessage());
        }
        String sender = requiredText(node, "sender");
        if (sender.isBlank()) {
            throw new MessageFormatException("field 'sender' must not be blank");
        }
        MessageType type;
        try {
            type = MessageType.fromWire(requiredText(node, "type"));
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("field 'type': " + e.getMessage()
                    + " (expected POST, AGGREGATE, STORE, PROGRAM, INSTANCE or FORGET)");
        }
        String channel = optionalText(node, "channel");
        double time = time(node);
        String itemContent = optionalText(node, "item_content");
        ItemHash itemHash;
        try {
            itemHash = ItemHash.of(requiredText(node, "item_hash"));
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("field 'item_hash': " + e.getMessage());
        }
        ItemType itemType = itemType(node, itemContent, itemHash);
        if (itemType == ItemType.INLINE && itemContent == null) {
            throw new MessageFormatException("field 'item_content' is required when item_type is inline");
        }
        if (itemType != ItemType.INLINE && itemContent != null) {
            throw new MessageFormatException("field 'item_content' must be absent when item_type is "
                    + itemType.wireName());
        }
        String signature = requiredText(node, "signature");
        Message message = new Message(chain, sender, type, channel, time, itemType, itemContent, itemHash, signature);
        checkStructure(message);
        return message;
    }

    /**
     * The structural rules a message read some other way must also follow (a chain reader's, an embedding
     * application's): the channel's length, the inline content's size, and a sha256 item hash unless the item is on
     * IPFS.
     */
    public static void checkStructure(Message message) throws MessageFormatException {
        if (message.channel() != null && message.channel().length() > MAX_CHANNEL_LENGTH) {
            throw new MessageFormatException("field 'channel' is longer than " + MAX_CHANNEL_LENGTH + " characters");
        }
        if (message.itemContent() != null && message.itemContent().length() > MAX_INLINE_CHARACTERS) {
            throw new MessageFormatException("field 'item_content' is longer than " + MAX_INLINE_CHARACTERS
                    + " characters; store larger content and send it as item_type storage or ipfs");
        }
        if (message.itemType() != ItemType.IPFS && !message.itemHash().isSha256()) {
            throw new MessageFormatException("field 'item_hash' must be a sha256 hex hash when item_type is "
                    + message.itemType().wireName());
        }
    }

    /**
     * As the reference: an absent item_type is inline when there is content, else told by the hash (64 hex
     * characters: storage; a CID: ipfs).
     */
    private static ItemType itemType(JsonNode node, String itemContent, ItemHash itemHash)
            throws MessageFormatException {
        String wire = optionalText(node, "item_type");
        if (wire == null) {
            if (itemContent != null) {
                return ItemType.INLINE;
            }
            return itemHash.isSha256() ? ItemType.STORAGE : ItemType.IPFS;
        }
        try {
            return ItemType.fromWire(wire);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("field 'item_type': " + e.getMessage()
                    + " (expected inline, storage or ipfs)");
        }
    }

    private static String requiredText(JsonNode node, String field) throws MessageFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new MessageFormatException("field '" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw new MessageFormatException("field '" + field + "' must be a string, not " + describe(value));
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String field) throws MessageFormatException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new MessageFormatException("field '" + field + "' must be a string, not " + describe(value));
        }
        return value.textValue();
    }

    private static double time(JsonNode node) throws MessageFormatException {
        JsonNode value = node.get("time");
        if (value == null || value.isNull()) {
            throw new MessageFormatException("field 'time' is required");
        }
        if (!value.isNumber()) {
            throw new MessageFormatException("field 'time' must be a number of seconds since the epoch, not "
                    + describe(value));
        }
        double time = value.doubleValue();
        if (!Double.isFinite(time) || time < 0) {
            throw new MessageFormatException("field 'time' must be a finite number of seconds >= 0");
        }
        return time;
    }

    private static String describe(JsonNode value) {
        JsonNodeType type = value.getNodeType();
        return switch (type) {
            case ARRAY -> "an array";
            case OBJECT, POJO -> "an object";
            case BOOLEAN -> "a boolean";
            case NUMBER -> "a number";
            case STRING -> "a string";
            default -> type.name().toLowerCase(java.util.Locale.ROOT);
        };
    }
}
