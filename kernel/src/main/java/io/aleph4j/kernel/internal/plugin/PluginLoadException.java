package io.aleph4j.kernel.internal.plugin;

import java.io.Serial;

/** A plugin that cannot be loaded or resolved; the message names it. */
public final class PluginLoadException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public PluginLoadException(String message) {
        super(message);
    }

    public PluginLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
