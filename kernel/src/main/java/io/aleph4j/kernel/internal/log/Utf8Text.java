package io.aleph4j.kernel.internal.log;

import java.nio.charset.StandardCharsets;
import net.openhft.chronicle.bytes.Bytes;

/**
 * Text fields of the log's entries in Chronicle's {@code writeUtf8} format (a stop-bit length in bytes, then the
 * bytes; -1 for null), written and read in bulk when the text is ASCII. Chronicle moves such a field one byte at a
 * time with a bounds check per byte: for a POST's envelope that was the largest cost of an inbox append
 * (profiled: the appending thread spent a fifth of its time in {@code writeByte}). Text with any other character
 * still goes through Chronicle's own coder, whose encoding of characters outside the Basic Multilingual Plane
 * differs from the JDK's UTF-8: the bytes on disk stay exactly what earlier nodes wrote and read.
 */
final class Utf8Text {

    private Utf8Text() {
    }

    static void write(Bytes<?> bytes, String text) {
        if (text == null || !isAscii(text)) {
            bytes.writeUtf8(text);
            return;
        }
        bytes.writeStopBit(text.length());
        bytes.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    static String read(Bytes<?> bytes) {
        long start = bytes.readPosition();
        long length = bytes.readStopBit();
        if (length > 0 && length <= bytes.readRemaining()) {
            byte[] raw = new byte[(int) length];
            bytes.read(raw);
            if (isAscii(raw)) {
                return new String(raw, StandardCharsets.US_ASCII);
            }
        }
        bytes.readPosition(start);
        return bytes.readUtf8();
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] raw) {
        for (byte b : raw) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }
}
