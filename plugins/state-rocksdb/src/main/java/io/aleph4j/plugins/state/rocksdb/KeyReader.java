package io.aleph4j.plugins.state.rocksdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Reads back the parts a {@link KeyWriter} wrote, in the same order. */
final class KeyReader {

    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private int position;

    KeyReader(byte[] bytes, int from) {
        this.bytes = bytes;
        this.position = from;
    }

    KeyReader(byte[] bytes) {
        this(bytes, 0);
    }

    int code() {
        return bytes[position++] & 0xFF;
    }

    String text() {
        ByteArrayOutputStream utf8 = new ByteArrayOutputStream();
        while (true) {
            byte b = bytes[position++];
            if (b != 0) {
                utf8.write(b);
            } else if (bytes[position++] == (byte) 0xFF) {
                utf8.write(0);
            } else {
                return utf8.toString(StandardCharsets.UTF_8);
            }
        }
    }

    /** Skips a text, for readers that only need what follows it. */
    KeyReader skipText() {
        while (true) {
            if (bytes[position++] == 0 && bytes[position++] != (byte) 0xFF) {
                return this;
            }
        }
    }

    long number() {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value ^ Long.MIN_VALUE;
    }

    double time() {
        return KeyWriter.unsortable(number());
    }

    int index() {
        int value = 0;
        for (int i = 0; i < 4; i++) {
            value = (value << 8) | (bytes[position++] & 0xFF);
        }
        return value ^ Integer.MIN_VALUE;
    }

    /** The rest of the key: an item hash, written last ({@link KeyWriter#hash}). */
    String hash() {
        int left = bytes.length - position;
        String hash;
        if (left == KeyWriter.SHA256_BYTES) {
            hash = HEX.formatHex(bytes, position, bytes.length);
        } else {
            int end = bytes[bytes.length - 1] == 0 ? bytes.length - 1 : bytes.length;
            hash = new String(bytes, position, end - position, StandardCharsets.ISO_8859_1);
        }
        position = bytes.length;
        return hash;
    }

    /** Skips a time and reads the item hash after it. */
    String hashAfterTime() {
        position += 8;
        return hash();
    }

    int position() {
        return position;
    }
}
