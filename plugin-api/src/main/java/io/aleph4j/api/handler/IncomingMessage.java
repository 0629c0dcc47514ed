package io.aleph4j.api.handler;

import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageContent;
import java.time.Instant;
import java.util.Objects;

/**
 * A message whose hash, signature and content have been checked, with its content parsed.
 *
 * @param contentJson the content as received: the inline {@code item_content} or the fetched item
 */
public record IncomingMessage(Message message, MessageContent content, String contentJson, Instant receivedAt) {

    public IncomingMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(contentJson, "contentJson");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (content.messageType() != message.type()) {
            throw new IllegalArgumentException("a " + message.type() + " message cannot carry "
                    + content.messageType() + " content");
        }
    }
}
