package io.aleph4j.api.state;

import io.aleph4j.api.message.ItemHash;
import java.util.Objects;

/**
 * A position in the messages' sort order (message time, then item hash): where a cursor-paginated listing goes on
 * from. Unlike a page number it stays right when messages are added meanwhile.
 */
public record MessageCursor(double time, ItemHash itemHash) {

    public MessageCursor {
        Objects.requireNonNull(itemHash, "itemHash");
    }

    /** The position of {@code record}: a listing after it starts with the message that follows it. */
    public static MessageCursor of(MessageRecord record) {
        return new MessageCursor(record.time(), record.itemHash());
    }
}
