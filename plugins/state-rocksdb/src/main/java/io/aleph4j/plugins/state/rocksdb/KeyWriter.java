package io.aleph4j.plugins.state.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds a key whose bytes, compared unsigned and left to right (RocksDB's default comparator), sort in the order of
 * its parts: text in code-point order (UTF-8 bytes, each 0x00 escaped as 0x00 0xFF and the text closed by 0x00 0x01,
 * so that a text sorts before every longer text it starts), numbers by value (big-endian, sign bit flipped;
 * doubles as {@code Double.compare} orders them). An item hash ends a key, unterminated ({@link #hash}).
 */
final class KeyWriter {

    private byte[] bytes;
    private int length;

    KeyWriter() {
        this(48);
    }

    KeyWriter(int capacity) {
        bytes = new byte[capacity];
    }

    static KeyWriter key() {
        return new KeyWriter();
    }

    KeyWriter code(int value) {
        room(1);
        bytes[length++] = (byte) value;
        return this;
    }

    KeyWriter text(String value) {
        int length = value.length();
        room(length + 2);
        // Nearly every text is ASCII without NUL (addresses, hashes, channels, types): written char by char.
        boolean plain = true;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            if (c == 0 || c >= 0x80) {
                plain = false;
                break;
            }
            bytes[this.length + i] = (byte) c;
        }
        if (plain) {
            this.length += length;
        } else {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            room(2 * utf8.length + 2);
            for (byte b : utf8) {
                if (b == 0) {
                    bytes[this.length++] = 0;
                    bytes[this.length++] = (byte) 0xFF;
                } else {
                    bytes[this.length++] = b;
                }
            }
        }
        bytes[this.length++] = 0;
        bytes[this.length++] = 1;
        return this;
    }

    /**
     * The last part of a key: an item hash. A sha256 (64 lower-case hex characters) is written as its 32 bytes: half
     * the bytes that every memtable, flush and compaction handles, in the same order as its hex. A CID is written as
     * its characters, and one 0x00 after them when it has exactly 32, so that {@link KeyReader#hash()} tells the two
     * apart by the length left (no CID character is 0x00).
     */
    KeyWriter hash(String itemHash) {
        if (isSha256Hex(itemHash)) {
            room(SHA256_BYTES);
            for (int i = 0; i < 2 * SHA256_BYTES; i += 2) {
                bytes[length++] = (byte) (Character.digit(itemHash.charAt(i), 16) << 4
                        | Character.digit(itemHash.charAt(i + 1), 16));
            }
            return this;
        }
        room(itemHash.length() + 1);
        for (int i = 0; i < itemHash.length(); i++) {
            bytes[length++] = (byte) itemHash.charAt(i);
        }
        if (itemHash.length() == SHA256_BYTES) {
            bytes[length++] = 0;
        }
        return this;
    }

    static final int SHA256_BYTES = 32;

    private static boolean isSha256Hex(String text) {
        return text.length() == 2 * SHA256_BYTES && isLowerHexFrom(text, 0);
    }

    /** Whether every character of {@code text} from {@code from} on is a lower-case hex digit. */
    static boolean isLowerHexFrom(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < '0' || c > '9') && (c < 'a' || c > 'f')) {
                return false;
            }
        }
        return true;
    }

    KeyWriter time(double value) {
        return number(sortable(value));
    }

    KeyWriter number(long value) {
        return bigEndian(value ^ Long.MIN_VALUE);
    }

    KeyWriter index(int value) {
        room(4);
        int flipped = value ^ Integer.MIN_VALUE;
        bytes[length++] = (byte) (flipped >>> 24);
        bytes[length++] = (byte) (flipped >>> 16);
        bytes[length++] = (byte) (flipped >>> 8);
        bytes[length++] = (byte) flipped;
        return this;
    }

    KeyWriter bytes(byte[] value) {
        room(value.length);
        System.arraycopy(value, 0, bytes, length, value.length);
        length += value.length;
        return this;
    }

    byte[] build() {
        return Arrays.copyOf(bytes, length);
    }

    private KeyWriter bigEndian(long value) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (value >>> shift);
        }
        return this;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    /** A double's bits arranged so that signed comparison of the longs orders as {@link Double#compare} does. */
    static long sortable(double value) {
        long bits = Double.doubleToLongBits(value);
        return bits < 0 ? ~bits ^ Long.MIN_VALUE : bits;
    }

    static double unsortable(long sortable) {
        return Double.longBitsToDouble(sortable < 0 ? ~(sortable ^ Long.MIN_VALUE) : sortable);
    }

    /**
     * The first key after every key that starts with {@code prefix}: the exclusive end of a prefix's range, or null
     * when there is none (the prefix is all 0xFF).
     */
    static byte[] successor(byte[] prefix) {
        byte[] next = prefix.clone();
        for (int i = next.length - 1; i >= 0; i--) {
            if (next[i] != (byte) 0xFF) {
                next[i]++;
                return Arrays.copyOf(next, i + 1);
            }
        }
        return null;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }
}
