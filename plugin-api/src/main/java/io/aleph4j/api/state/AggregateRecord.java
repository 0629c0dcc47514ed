package io.aleph4j.api.state;

import io.aleph4j.api.message.ItemHash;
import java.util.Objects;

/**
 * An aggregate: its elements' objects merged key by key in time order.
 *
 * @param json         the merged JSON object
 * @param creationTime the first element's time
 * @param lastRevision the latest element by time
 * @param lastRevisionTime that element's time
 */
public record AggregateRecord(String owner, String key, String json, double creationTime, ItemHash lastRevision,
                              double lastRevisionTime) {

    public AggregateRecord {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(lastRevision, "lastRevision");
    }
}
