package io.aleph4j.api.storage;

import java.util.List;
import java.util.Objects;

/**
 * What the node extracts from a message's content to index and answer queries with, as the reference node's
 * message table keeps it.
 *
 * @param address the owner the message acts for ({@code content.address})
 * @param time    the content's own time, seconds since the epoch
 * @param type    a POST's {@code content.type}; null for other types
 * @param ref     a POST's or STORE's {@code content.ref}; null when absent
 * @param key     an AGGREGATE's {@code content.key}; null for other types
 * @param tags    a POST's {@code content.content.tags} (strings only); empty when absent
 * @param json        the content as JSON text; null once the message is forgotten
 * @param itemHash    a STORE's (or any content's) {@code content.item_hash}; null when absent
 * @param paymentType the content's {@code payment.type} (hold, superfluid, credit); null when it has no payment
 */
public record ContentFields(String address, double time, String type, String ref, String key, List<String> tags,
                            String json, String itemHash, String paymentType) {

    public ContentFields {
        Objects.requireNonNull(address, "address");
        tags = List.copyOf(tags);
    }

    /** Fields of a content without an item hash or a payment. */
    public ContentFields(String address, double time, String type, String ref, String key, List<String> tags,
                         String json) {
        this(address, time, type, ref, key, tags, json, null, null);
    }

    /** The same fields with the content itself dropped, as a forgotten message keeps them. */
    public ContentFields withoutJson() {
        return new ContentFields(address, time, type, ref, key, tags, null, itemHash, paymentType);
    }
}
