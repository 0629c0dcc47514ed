package io.aleph4j.api.log;

import io.aleph4j.api.message.Message;
import java.time.Instant;
import java.util.Objects;

/** An accepted incoming message, as the inbox holds it. */
public record InboxEntry(Message message, Origin origin, Instant receivedAt) {

    public InboxEntry {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(receivedAt, "receivedAt");
    }
}
