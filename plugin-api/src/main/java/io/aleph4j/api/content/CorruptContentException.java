package io.aleph4j.api.content;

import io.aleph4j.api.message.ItemHash;
import java.io.IOException;
import java.io.Serial;

/** Stored bytes that no longer match their address: never served, reported by the store that found them. */
public final class CorruptContentException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ItemHash hash;

    public CorruptContentException(ItemHash hash, String detail) {
        super("the stored content of " + hash + " is corrupt: " + detail);
        this.hash = hash;
    }

    public ItemHash hash() {
        return hash;
    }
}
