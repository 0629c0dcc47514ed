package io.aleph4j.kernel;

import java.io.Serial;

/**
 * A node could not start: a plugin that failed to load, register or start (named in the message), a bad config,
 * a port in use. Whatever the node had taken before the failure has been released when this is thrown.
 */
public final class NodeStartException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    public NodeStartException(String message, Throwable cause) {
        super(message, cause);
    }

    public NodeStartException(String message) {
        super(message);
    }
}
