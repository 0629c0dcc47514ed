package io.aleph4j.plugins.storage.fs;

import java.io.InputStream;

/** {@code length} bytes of the vector pattern {@code byte i = (i * 31 + 7) mod 251}, generated, never held. */
final class PatternStream extends InputStream {

    private final long length;
    private long position;

    PatternStream(long length) {
        this.length = length;
    }

    static byte at(long index) {
        return (byte) ((index * 31 + 7) % 251);
    }

    @Override
    public int read() {
        return position < length ? at(position++) & 0xFF : -1;
    }

    @Override
    public int read(byte[] buffer, int offset, int count) {
        if (position >= length) {
            return -1;
        }
        int n = (int) Math.min(count, length - position);
        for (int i = 0; i < n; i++) {
            buffer[offset + i] = at(position++);
        }
        return n;
    }
}
