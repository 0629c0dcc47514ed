package io.aleph4j.api.config;

import java.io.Serial;

/** A node config that cannot be used: an unknown section or key, a wrong type, a missing required key. */
public final class ConfigException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
