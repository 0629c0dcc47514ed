package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageContent;
import io.aleph4j.api.state.ContentFields;
import java.time.Instant;
import java.util.Objects;

/**
 * A message whose hash, signature and content have been checked, with its content parsed once: as a typed record
 * and as the fields the state indexes it by.
 *
 * @param fields what the state keeps of the content; {@code fields.json()} is the content as received (the inline
 *               {@code item_content} or the fetched item)
 */
@Experimental("the processing contract is settled by the first plugin that handles a message type (the CRN work)")
public record IncomingMessage(Message message, MessageContent content, ContentFields fields, Instant receivedAt) {

    public IncomingMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(fields.json(), "fields.json");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (content.messageType() != message.type()) {
            throw new IllegalArgumentException("a " + message.type() + " message cannot carry "
                    + content.messageType() + " content");
        }
    }

    /** The content as received: the inline {@code item_content} or the fetched item. */
    public String contentJson() {
        return fields.json();
    }
}
