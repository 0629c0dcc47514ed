package io.aleph4j.api.content;

import java.io.IOException;
import java.io.Serial;

/** Content over a size limit; nothing of it was kept. */
public final class ContentTooLargeException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ContentTooLargeException(long limitBytes) {
        super("content is larger than the limit of " + limitBytes + " bytes");
    }
}
