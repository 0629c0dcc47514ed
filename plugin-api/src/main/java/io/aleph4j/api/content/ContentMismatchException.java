package io.aleph4j.api.content;

import io.aleph4j.api.message.ItemHash;
import java.io.IOException;
import java.io.Serial;

/** Bytes that do not hash to the address they were announced with; a store keeps nothing of them. */
public final class ContentMismatchException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final transient ItemHash expected;
    private final transient ItemHash actual;

    public ContentMismatchException(ItemHash expected, ItemHash actual) {
        super("the content hashes to " + actual + ", not " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    public ItemHash expected() {
        return expected;
    }

    public ItemHash actual() {
        return actual;
    }
}
