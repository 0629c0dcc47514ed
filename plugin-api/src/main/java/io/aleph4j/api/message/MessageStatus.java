package io.aleph4j.api.message;

import java.util.Locale;

/** The statuses a message goes through, with the reference node's wire names. */
public enum MessageStatus {
    PENDING,
    PROCESSED,
    REJECTED,
    FORGOTTEN,
    REMOVING,
    REMOVED;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the value when unknown. */
    public static MessageStatus fromWire(String name) {
        for (MessageStatus status : values()) {
            if (status.wireName().equals(name)) {
                return status;
            }
        }
        throw new IllegalArgumentException("unknown message status '" + name + "'");
    }
}
