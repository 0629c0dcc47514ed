package io.aleph4j.api.http;

import java.io.Serial;

/**
 * A request the handler refuses: becomes {@code status} with the body {@code {"error": message}}. Use it for
 * every client mistake (4xx), with a message that names the problem.
 */
public final class HttpProblem extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;

    public HttpProblem(int status, String message) {
        super(message);
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("an HTTP problem has a 4xx or 5xx status, not " + status);
        }
        this.status = status;
    }

    public int status() {
        return status;
    }
}
