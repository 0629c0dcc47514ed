package io.aleph4j.plugins.state.rocksdb;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compact binary form of stored values: unsigned varints for lengths and counts, zigzag varints for other whole
 * numbers, doubles as their 8 bytes, texts as UTF-8 after their length (length + 1 for a text that may be null, 0
 * being null). Smaller than JSON and read without a parser.
 */
final class Values {

    private Values() {
    }

    /** Writes a value. */
    static final class Writer {
        private byte[] bytes = new byte[128];
        private int length;

        Writer code(int value) {
            room(1);
            bytes[length++] = (byte) value;
            return this;
        }

        Writer unsigned(long value) {
            room(10);
            while ((value & ~0x7FL) != 0) {
                bytes[length++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[length++] = (byte) value;
            return this;
        }

        Writer signed(long value) {
            return unsigned((value << 1) ^ (value >> 63));
        }

        Writer real(double value) {
            room(8);
            long bits = Double.doubleToRawLongBits(value);
            for (int shift = 56; shift >= 0; shift -= 8) {
                bytes[length++] = (byte) (bits >>> shift);
            }
            return this;
        }

        Writer text(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            unsigned(utf8.length);
            return raw(utf8);
        }

        Writer nullableText(String value) {
            if (value == null) {
                return unsigned(0);
            }
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            unsigned(utf8.length + 1L);
            return raw(utf8);
        }

        Writer texts(List<String> values) {
            unsigned(values.size());
            values.forEach(this::text);
            return this;
        }

        Writer raw(byte[] value) {
            room(value.length);
            System.arraycopy(value, 0, bytes, length, value.length);
            length += value.length;
            return this;
        }

        byte[] build() {
            return Arrays.copyOf(bytes, length);
        }

        private void room(int more) {
            if (length + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }

    /** Reads what a {@link Writer} wrote, in the same order. */
    static final class Reader {
        private final byte[] bytes;
        private int position;

        Reader(byte[] bytes) {
            this(bytes, 0);
        }

        Reader(byte[] bytes, int from) {
            this.bytes = bytes;
            this.position = from;
        }

        int code() {
            return bytes[position++] & 0xFF;
        }

        long unsigned() {
            long value = 0;
            for (int shift = 0; ; shift += 7) {
                byte b = bytes[position++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
        }

        long signed() {
            long zigzag = unsigned();
            return (zigzag >>> 1) ^ -(zigzag & 1);
        }

        double real() {
            long bits = 0;
            for (int i = 0; i < 8; i++) {
                bits = (bits << 8) | (bytes[position++] & 0xFF);
            }
            return Double.longBitsToDouble(bits);
        }

        String text() {
            int length = Math.toIntExact(unsigned());
            return utf8(length);
        }

        String nullableText() {
            long length = unsigned();
            return length == 0 ? null : utf8(Math.toIntExact(length - 1));
        }

        List<String> texts() {
            int count = Math.toIntExact(unsigned());
            List<String> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                values.add(text());
            }
            return values;
        }

        byte[] bytes(int length) {
            byte[] value = java.util.Arrays.copyOfRange(bytes, position, position + length);
            position += length;
            return value;
        }

        boolean atEnd() {
            return position >= bytes.length;
        }

        private String utf8(int length) {
            String value = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return value;
        }
    }
}
