package io.aleph4j.api.message;

import java.util.Locale;

/** Where a message's content lives: in the message ({@code inline}), or in a content store by hash. */
public enum ItemType {
    /** The content is the {@code item_content} string; the item hash is its sha256. */
    INLINE,
    /** The content is stored by its sha256 hex. */
    STORAGE,
    /** The content is stored by its IPFS CID. */
    IPFS;

    private final String wireName = name().toLowerCase(Locale.ROOT);

    public String wireName() {
        return wireName;
    }

    /** Parses a wire name; throws {@link IllegalArgumentException} naming the value when unknown. */
    public static ItemType fromWire(String name) {
        for (ItemType type : values()) {
            if (type.wireName().equals(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown item_type '" + name + "'");
    }
}
