package io.aleph4j.plugins.state.rocksdb;

/** A failure of the database under the store: an I/O error, a corrupt file, a full disk. */
final class StoreException extends RuntimeException {

    StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
