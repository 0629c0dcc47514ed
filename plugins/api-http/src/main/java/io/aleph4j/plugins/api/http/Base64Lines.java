package io.aleph4j.plugins.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Base64;

/**
 * Bytes as Python's {@code base64.encodebytes} writes them (standard alphabet, lines of 76 characters each ending
 * with a newline, the last one too), inside a JSON string: each newline is written escaped, as {@code \n}. Read
 * from the source as it goes, so that a large file is never held in memory.
 */
final class Base64Lines extends InputStream {

    /** The bytes of one 76-character line. */
    private static final int LINE_BYTES = 57;
    private static final byte[] ESCAPED_NEWLINE = {'\\', 'n'};

    private final InputStream source;
    private final byte[] chunk = new byte[LINE_BYTES];
    private byte[] line = new byte[0];
    private int position;
    private boolean ended;

    Base64Lines(InputStream source) {
        this.source = source;
    }

    /** How many characters {@code bytes} bytes of source become. */
    static long length(long bytes) {
        long lines = (bytes + LINE_BYTES - 1) / LINE_BYTES;
        long characters = 4 * ((bytes + 2) / 3);
        return characters + ESCAPED_NEWLINE.length * lines;
    }

    @Override
    public int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return line[position++] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int count = Math.min(length, line.length - position);
        System.arraycopy(line, position, buffer, offset, count);
        position += count;
        return count;
    }

    /** Makes the next line ready; false at the end. */
    private boolean fill() throws IOException {
        if (position < line.length) {
            return true;
        }
        if (ended) {
            return false;
        }
        int read = source.readNBytes(chunk, 0, LINE_BYTES);
        if (read < LINE_BYTES) {
            ended = true;
        }
        if (read == 0) {
            return false;
        }
        byte[] encoded = Base64.getEncoder().encode(read == LINE_BYTES ? chunk : Arrays.copyOf(chunk, read));
        line = new byte[encoded.length + ESCAPED_NEWLINE.length];
        System.arraycopy(encoded, 0, line, 0, encoded.length);
        System.arraycopy(ESCAPED_NEWLINE, 0, line, encoded.length, ESCAPED_NEWLINE.length);
        position = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
