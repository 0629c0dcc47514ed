package io.aleph4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content for storage tests: the byte pattern the project's CID vectors are recorded for ({@code byte i = (i * 31 +
 * 7) mod 251}), of any length and generated as it is read, and the sha256 of a stream.
 */
public final class TestContent {

    private TestContent() {
    }

    /** Byte {@code index} of the pattern. */
    public static byte patternByte(long index) {
        return (byte) ((index * 31 + 7) % 251);
    }

    /** The first {@code length} bytes of the pattern, in memory. */
    public static byte[] patternBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = patternByte(i);
        }
        return bytes;
    }

    /** The first {@code length} bytes of the pattern as a stream that holds none of them. */
    public static InputStream pattern(long length) {
        return new InputStream() {
            private long position;

            @Override
            public int read() {
                return position < length ? patternByte(position++) & 0xFF : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (position >= length) {
                    return -1;
                }
                int n = (int) Math.min(count, length - position);
                for (int i = 0; i < n; i++) {
                    buffer[offset + i] = patternByte(position++);
                }
                return n;
            }
        };
    }

    /** The lower-case hex sha256 of what {@code in} holds; the stream is read to its end, not closed. */
    public static String sha256Hex(InputStream in) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
        in.transferTo(new OutputStream() {
            @Override
            public void write(int b) {
                digest.update((byte) b);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                digest.update(bytes, offset, length);
            }
        });
        return HexFormat.of().formatHex(digest.digest());
    }
}
