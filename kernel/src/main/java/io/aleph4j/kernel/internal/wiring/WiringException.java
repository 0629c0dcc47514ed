package io.aleph4j.kernel.internal.wiring;

import java.io.Serial;

/** A plugin whose declarations cannot be built; the message names the plugin, the class and the problem. */
public final class WiringException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public WiringException(String message) {
        super(message);
    }

    public WiringException(String message, Throwable cause) {
        super(message, cause);
    }
}
