package io.aleph4j.api.incubating;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.Message;
import io.aleph4j.api.message.MessageContent;
import io.aleph4j.api.state.ContentFields;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * A message whose hash, signature and content have been checked, with its content parsed once: as a typed record
 * and as the fields the state indexes it by.
 *
 * @param fields what the state keeps of the content; {@code fields.json()} is the content as received (the inline
 *               {@code item_content} or the fetched item)
 * @param fileSize a STORE's file size in bytes as the node holds it; empty for other types, and on a node that keeps
 *                 no files
 */
@Experimental("the processing contract is settled by the first plugin that handles a message type (the CRN work)")
public record IncomingMessage(Message message, MessageContent content, ContentFields fields, Instant receivedAt,
                              OptionalLong fileSize) {

    public IncomingMessage {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(fields, "fields");
        Objects.requireNonNull(fields.json(), "fields.json");
        Objects.requireNonNull(receivedAt, "receivedAt");
        Objects.requireNonNull(fileSize, "fileSize");
        if (content.messageType() != message.type()) {
            throw new IllegalArgumentException("a " + message.type() + " message cannot carry "
                    + content.messageType() + " content");
        }
    }

    /** A message without a file size: any type but a STORE, or a STORE on a node that keeps no files. */
    public IncomingMessage(Message message, MessageContent content, ContentFields fields, Instant receivedAt) {
        this(message, content, fields, receivedAt, OptionalLong.empty());
    }

    /** The content as received: the inline {@code item_content} or the fetched item. */
    public String contentJson() {
        return fields.json();
    }
}
