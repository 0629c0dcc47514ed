package io.aleph4j.api.message;

import java.util.Objects;

/**
 * An AGGREGATE: a JSON object merged, in time order, into the aggregate named by (address, key).
 *
 * @param content a JSON object (its text)
 */
public record AggregateContent(String address, double time, String key, JsonText content) implements MessageContent {

    public AggregateContent {
        ContentChecks.base(address, time);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(content, "content");
    }

    @Override
    public MessageType messageType() {
        return MessageType.AGGREGATE;
    }
}
