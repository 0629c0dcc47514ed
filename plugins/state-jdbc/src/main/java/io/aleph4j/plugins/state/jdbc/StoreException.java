package io.aleph4j.plugins.state.jdbc;

/** A database failure, with what the store was doing when it happened. */
public final class StoreException extends RuntimeException {

    public StoreException(String doing, Exception cause) {
        super(doing + ": " + cause.getMessage(), cause);
    }
}
