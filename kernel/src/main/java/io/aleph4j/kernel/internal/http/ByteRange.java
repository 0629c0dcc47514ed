package io.aleph4j.kernel.internal.http;

import java.util.Optional;

/**
 * The one byte range of a {@code Range: bytes=...} header that the server serves (RFC 9110 §14.1.2): {@code a-b},
 * {@code a-} or the suffix {@code -n}, clipped to the body. A header the server does not understand, or asking
 * for several ranges, is ignored and the whole body is sent, as the RFC allows.
 *
 * @param first the first byte sent
 * @param last  the last byte sent, inclusive
 */
record ByteRange(long first, long last) {

    /** What a Range header asks of a body of {@code length} bytes. */
    sealed interface Request permits Whole, Partial, Unsatisfiable {
    }

    record Whole() implements Request {
    }

    record Partial(ByteRange range) implements Request {
    }

    record Unsatisfiable() implements Request {
    }

    long length() {
        return last - first + 1;
    }

    String contentRange(long total) {
        return "bytes " + first + "-" + last + "/" + total;
    }

    static Request of(Optional<String> header, long length) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String value = header.get().trim();
        if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0) {
            return new Whole();
        }
        String spec = value.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        Long start = number(spec.substring(0, dash));
        Long end = number(spec.substring(dash + 1));
        if (dash == 0) {
            if (end == null) {
                return new Whole();
            }
            if (end == 0 || length == 0) {
                return new Unsatisfiable();
            }
            return new Partial(new ByteRange(Math.max(0, length - end), length - 1));
        }
        if (start == null || (dash < spec.length() - 1 && (end == null || end < start))) {
            return new Whole();
        }
        if (start >= length) {
            return new Unsatisfiable();
        }
        long last = end == null ? length - 1 : Math.min(end, length - 1);
        return new Partial(new ByteRange(start, last));
    }

    private static Long number(String text) {
        String digits = text.trim();
        if (digits.isEmpty() || digits.length() > 18) {
            return null;
        }
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                return null;
            }
        }
        return Long.parseLong(digits);
    }
}
