package io.aleph4j.kernel.protocol;

import java.io.Serial;

/** A message envelope that is not structurally valid; the message names the field and what is wrong. */
public final class MessageFormatException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public MessageFormatException(String message) {
        super(message);
    }
}
