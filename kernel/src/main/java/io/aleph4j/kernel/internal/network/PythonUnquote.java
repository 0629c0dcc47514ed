package io.aleph4j.kernel.internal.network;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Python's {@code urllib.parse.unquote}, which the reference applies to every message received on
 * {@code ALEPH-TEST} before parsing it: each {@code %XX} becomes its byte, the bytes are read as UTF-8 (an invalid
 * sequence becomes U+FFFD), a {@code %} not followed by two hex digits stays as it is, and {@code +} stays a plus
 * (unlike {@link java.net.URLDecoder}).
 */
final class PythonUnquote {

    private PythonUnquote() {
    }

    static String unquote(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
                out.write(hex(bytes[i + 1]) << 4 | hex(bytes[i + 2]));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f') {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F') {
            return b - 'A' + 10;
        }
        return -1;
    }
}
