package io.aleph4j.api.state;

import io.aleph4j.api.message.ItemHash;
import java.util.Objects;

/** One AGGREGATE message's contribution to the aggregate (owner, key). {@code json} is a JSON object. */
public record AggregateElement(ItemHash itemHash, String owner, String key, String json, double time) {

    public AggregateElement {
        Objects.requireNonNull(itemHash, "itemHash");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
    }
}
