package io.aleph4j.plugins.api.http;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A request body being streamed: a failure to read it (the client stopped sending, the connection dropped) is
 * marked as {@link Unreadable}, so that whoever consumes the stream (a content store) can be told apart from it.
 */
final class RequestBody extends FilterInputStream {

    /** The request body could not be read to its end: the client's doing. */
    static final class Unreadable extends IOException {

        Unreadable(IOException cause) {
            super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        }
    }

    RequestBody(InputStream in) {
        super(in);
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (IOException e) {
            throw new Unreadable(e);
        }
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
            return super.read(buffer, offset, length);
        } catch (IOException e) {
            throw new Unreadable(e);
        }
    }
}
