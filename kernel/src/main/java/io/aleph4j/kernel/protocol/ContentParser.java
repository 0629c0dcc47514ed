package io.aleph4j.kernel.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.aleph4j.api.message.AggregateContent;
import io.aleph4j.api.message.ForgetContent;
import io.aleph4j.api.message.InstanceContent;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.message.JsonText;
import io.aleph4j.api.message.MessageContent;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.message.PostContent;
import io.aleph4j.api.message.ProgramContent;
import io.aleph4j.api.message.StoreContent;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.kernel.internal.KernelJson;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a message's content JSON (its {@code item_content}, or the fetched item) into the typed record of its
 * type, with the schema rules of aleph-message: {@code address} and {@code time} always; unknown fields
 * refused except in STORE (ignored there); an amend needs a {@code ref}; an aggregate's content is an
 * object and its key a string or {@code {"name": key}}; a FORGET names at most 1000 hashes and 1000
 * aggregates with a reason of at most 1000 characters. PROGRAM and INSTANCE are checked against their schemas
 * ({@link ExecutableSchema}) and kept whole.
 */
public final class ContentParser {

    /** aleph-message's upper bound on content times (seconds). */
    public static final double MAX_CONTENT_TIME = 9_223_372_036.0;
    public static final int MAX_FORGET_TARGETS = 1000;
    public static final int MAX_FORGET_REASON_LENGTH = 1000;

    private static final Set<String> POST_FIELDS = Set.of("address", "time", "content", "ref", "type");
    private static final Set<String> AGGREGATE_FIELDS = Set.of("address", "time", "key", "content");
    private static final Set<String> FORGET_FIELDS = Set.of("address", "time", "hashes", "aggregates", "reason");

    private ContentParser() {
    }

    /**
     * Parses the content of a message of the given type, once: into its typed record and the fields the state
     * indexes (a POST's tags, a payment's type...).
     */
    public static ParsedContent parse(MessageType type, String json) throws MessageFormatException {
        JsonNode node;
        try {
            node = KernelJson.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MessageFormatException("message content is not valid JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            throw new MessageFormatException("message content must be a JSON object");
        }
        String address = address(node);
        double time = time(node);
        ContentFields.Builder fields = ContentFields.builder(address, time).json(json);
        MessageContent content = switch (type) {
            case POST -> {
                PostContent post = post(node, address, time);
                fields.type(post.type()).ref(post.ref()).tags(tags(node.path("content").path("tags")));
                yield post;
            }
            case AGGREGATE -> {
                AggregateContent aggregate = aggregate(node, address, time);
                fields.key(aggregate.key());
                yield aggregate;
            }
            case STORE -> {
                StoreContent store = store(node, address, time);
                fields.ref(store.ref()).itemHash(store.itemHash().value()).paymentType(paymentType(node));
                yield store;
            }
            case FORGET -> forget(node, address, time);
            case PROGRAM -> {
                ExecutableSchema.checkProgram(node);
                fields.paymentType(paymentType(node)).volumeRefs(volumeRefs(node));
                yield new ProgramContent(address, time, JsonText.of(json));
            }
            case INSTANCE -> {
                ExecutableSchema.checkInstance(node);
                fields.paymentType(paymentType(node)).volumeRefs(volumeRefs(node));
                yield new InstanceContent(address, time, JsonText.of(json));
            }
        };
        return new ParsedContent(content, fields.build());
    }

    /** The string items of a POST's {@code content.tags}, as the reference filters by them. */
    private static List<String> tags(JsonNode tags) {
        if (!tags.isArray()) {
            return List.of();
        }
        List<String> strings = new ArrayList<>();
        for (JsonNode tag : tags) {
            if (tag.isTextual()) {
                strings.add(tag.textValue());
            }
        }
        return strings;
    }

    /**
     * What a PROGRAM or INSTANCE mounts, by ref, as the reference's VM table records it to refuse forgetting a file
     * a VM uses: {@code code}, {@code runtime} and {@code data} refs, each volume's {@code ref} (only immutable
     * volumes have one) and an instance's {@code rootfs.parent.ref}. Distinct, in that order.
     */
    private static List<String> volumeRefs(JsonNode node) {
        Set<String> refs = new LinkedHashSet<>();
        for (String part : List.of("code", "runtime", "data")) {
            addRef(refs, node.path(part).path("ref"));
        }
        JsonNode volumes = node.path("volumes");
        if (volumes.isArray()) {
            for (JsonNode volume : volumes) {
                addRef(refs, volume.path("ref"));
            }
        }
        addRef(refs, node.path("rootfs").path("parent").path("ref"));
        return List.copyOf(refs);
    }

    private static void addRef(Set<String> refs, JsonNode ref) {
        if (ref.isTextual() && !ref.textValue().isEmpty()) {
            refs.add(ref.textValue());
        }
    }

    /** The content's {@code payment.type} (hold, superfluid, credit), or null without a payment object. */
    private static String paymentType(JsonNode node) {
        JsonNode type = node.path("payment").path("type");
        return type.isTextual() ? type.textValue() : null;
    }

    private static PostContent post(JsonNode node, String address, double time) throws MessageFormatException {
        onlyFields(node, POST_FIELDS, "POST");
        String type = text(node, "type", "POST");
        JsonNode ref = node.get("ref");
        String reference = null;
        if (ref != null && !ref.isNull()) {
            if (ref.isTextual()) {
                reference = ref.textValue();
            } else if (ref.isObject() && ref.path("item_hash").isTextual()) {
                // A chain reference ({chain, item_hash, ...}) names the referenced message by its item hash.
                reference = ref.get("item_hash").textValue();
            } else {
                throw new MessageFormatException("POST content field 'ref' must be a string or a message reference");
            }
        }
        if (PostContent.AMEND.equals(type) && (reference == null || reference.isEmpty())) {
            throw new MessageFormatException("a POST of type 'amend' needs a 'ref' to the post it amends");
        }
        JsonNode body = node.get("content");
        return new PostContent(address, time, type, JsonText.of(body == null ? "null" : body.toString()), reference);
    }

    private static AggregateContent aggregate(JsonNode node, String address, double time)
            throws MessageFormatException {
        onlyFields(node, AGGREGATE_FIELDS, "AGGREGATE");
        JsonNode key = node.get("key");
        String keyText;
        if (key != null && key.isTextual()) {
            keyText = key.textValue();
        } else if (key != null && key.isObject() && key.size() == 1 && key.path("name").isTextual()) {
            keyText = key.get("name").textValue();
        } else {
            throw new MessageFormatException("AGGREGATE content field 'key' must be a string or {\"name\": string}");
        }
        JsonNode content = node.get("content");
        if (content == null || !content.isObject()) {
            throw new MessageFormatException("AGGREGATE content field 'content' must be a JSON object");
        }
        return new AggregateContent(address, time, keyText, JsonText.of(content.toString()));
    }

    private static StoreContent store(JsonNode node, String address, double time) throws MessageFormatException {
        ItemType itemType;
        try {
            itemType = ItemType.fromWire(text(node, "item_type", "STORE"));
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException("STORE content field 'item_type': " + e.getMessage());
        }
        if (itemType == ItemType.INLINE) {
            throw new MessageFormatException("STORE content field 'item_type' must be storage or ipfs");
        }
        ItemHash itemHash = itemHash(text(node, "item_hash", "STORE"), "STORE content field 'item_hash'");
        JsonNode ref = node.get("ref");
        if (ref != null && !ref.isNull() && !ref.isTextual()) {
            throw new MessageFormatException("STORE content field 'ref' must be a string");
        }
        JsonNode metadata = node.get("metadata");
        if (metadata != null && !metadata.isNull() && !metadata.isObject()) {
            throw new MessageFormatException("STORE content field 'metadata' must be a JSON object");
        }
        return new StoreContent(address, time, itemType, itemHash, ref == null || ref.isNull() ? null : ref.textValue(),
                metadata == null || metadata.isNull() ? null : JsonText.of(metadata.toString()));
    }

    private static ForgetContent forget(JsonNode node, String address, double time) throws MessageFormatException {
        onlyFields(node, FORGET_FIELDS, "FORGET");
        List<ItemHash> hashes = new ArrayList<>();
        for (String hash : textList(node, "hashes", true)) {
            hashes.add(itemHash(hash, "FORGET content field 'hashes'"));
        }
        List<String> aggregates = textList(node, "aggregates", false);
        JsonNode reason = node.get("reason");
        if (reason != null && !reason.isNull()) {
            if (!reason.isTextual()) {
                throw new MessageFormatException("FORGET content field 'reason' must be a string");
            }
            if (reason.textValue().length() > MAX_FORGET_REASON_LENGTH) {
                throw new MessageFormatException("FORGET content field 'reason' is longer than "
                        + MAX_FORGET_REASON_LENGTH + " characters");
            }
        }
        return new ForgetContent(address, time, hashes, aggregates,
                reason == null || reason.isNull() ? null : reason.textValue());
    }

    private static List<String> textList(JsonNode node, String field, boolean required) throws MessageFormatException {
        JsonNode list = node.get(field);
        if (list == null || list.isNull()) {
            if (required) {
                throw new MessageFormatException("FORGET content field '" + field + "' is required");
            }
            return List.of();
        }
        if (!list.isArray()) {
            throw new MessageFormatException("FORGET content field '" + field + "' must be a list");
        }
        if (list.size() > MAX_FORGET_TARGETS) {
            throw new MessageFormatException("FORGET content field '" + field + "' names more than "
                    + MAX_FORGET_TARGETS + " targets");
        }
        List<String> items = new ArrayList<>(list.size());
        for (JsonNode item : list) {
            if (!item.isTextual()) {
                throw new MessageFormatException("FORGET content field '" + field + "' must hold strings");
            }
            items.add(item.textValue());
        }
        return items;
    }

    private static ItemHash itemHash(String text, String where) throws MessageFormatException {
        try {
            return ItemHash.of(text);
        } catch (IllegalArgumentException e) {
            throw new MessageFormatException(where + ": " + e.getMessage());
        }
    }

    private static String address(JsonNode node) throws MessageFormatException {
        JsonNode address = node.get("address");
        if (address == null || !address.isTextual() || address.textValue().isBlank()) {
            throw new MessageFormatException("message content needs a non-empty string 'address'");
        }
        return address.textValue();
    }

    private static double time(JsonNode node) throws MessageFormatException {
        JsonNode time = node.get("time");
        if (time == null || !time.isNumber()) {
            throw new MessageFormatException("message content needs a number 'time' (seconds since the epoch)");
        }
        double value = time.doubleValue();
        if (!(value >= 0 && value <= MAX_CONTENT_TIME)) {
            throw new MessageFormatException("message content 'time' must be between 0 and " + MAX_CONTENT_TIME);
        }
        return value;
    }

    private static String text(JsonNode node, String field, String type) throws MessageFormatException {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new MessageFormatException(type + " content needs a string '" + field + "'");
        }
        return value.textValue();
    }

    private static void onlyFields(JsonNode node, Set<String> allowed, String type) throws MessageFormatException {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new MessageFormatException(type + " content has an unknown field '" + name + "'");
            }
        }
    }
}
