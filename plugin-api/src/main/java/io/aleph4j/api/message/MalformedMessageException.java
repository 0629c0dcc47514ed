package io.aleph4j.api.message;

import java.io.Serial;

/**
 * A message that is not a well-formed Aleph message (missing or mistyped fields, an item hash that is not one,
 * content over the size limit...): refused before it is logged. The message names the problem for the client.
 */
public final class MalformedMessageException extends Exception {

    @Serial
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message);
    }
}
