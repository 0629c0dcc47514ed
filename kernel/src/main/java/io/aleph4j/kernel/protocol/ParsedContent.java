package io.aleph4j.kernel.protocol;

import io.aleph4j.api.message.MessageContent;
import io.aleph4j.api.state.ContentFields;
import java.util.Objects;

/**
 * A message's content read once: the typed record of its type, and the fields the state indexes it by (with the
 * content's JSON text as received).
 */
public record ParsedContent(MessageContent content, ContentFields fields) {

    public ParsedContent {
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(fields, "fields");
    }
}
