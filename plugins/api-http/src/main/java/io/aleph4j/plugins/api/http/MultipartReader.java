package io.aleph4j.plugins.api.http;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part, streaming each part's bytes: a part is never
 * held in memory, so a file part of any size passes through a fixed buffer. Parts must be read in order; moving to
 * the next part skips what is left of the current one.
 */
final class MultipartReader {

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADER_BYTES = 16 * 1024;

    /** One part: its form field name, its file name when it has one, and its bytes as a stream. */
    record Part(String name, Optional<String> fileName, InputStream body) {
    }

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buffer;
    private int start;
    private int end;
    private boolean endOfInput;
    private boolean finished;
    private PartStream current;

    MultipartReader(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buffer = new byte[BUFFER + delimiter.length];
        // The first boundary has no CRLF before it: pretend it had, so that every boundary looks the same.
        buffer[0] = '\r';
        buffer[1] = '\n';
        end = 2;
    }

    /** The boundary of a {@code multipart/form-data} content type, or empty when it is not one. */
    static Optional<String> boundaryOf(String contentType) {
        String[] pieces = contentType.split(";");
        if (!pieces[0].trim().equalsIgnoreCase("multipart/form-data")) {
            return Optional.empty();
        }
        for (int i = 1; i < pieces.length; i++) {
            String piece = pieces[i].trim();
            if (piece.regionMatches(true, 0, "boundary=", 0, 9)) {
                String boundary = unquote(piece.substring(9).trim());
                return boundary.isEmpty() || boundary.length() > 200 ? Optional.empty() : Optional.of(boundary);
            }
        }
        return Optional.empty();
    }

    /** The next part, or empty after the closing boundary. */
    Optional<Part> next() throws IOException {
        if (finished) {
            return Optional.empty();
        }
        if (current == null) {
            skipPreamble();
        } else {
            current.skipRest();
        }
        if (finished) {
            return Optional.empty();
        }
        Map<String, String> headers = readHeaders();
        String disposition = headers.getOrDefault("content-disposition", "");
        Map<String, String> parameters = parameters(disposition);
        String name = parameters.get("name");
        if (name == null) {
            throw new MalformedMultipart("a part has no Content-Disposition name");
        }
        current = new PartStream();
        return Optional.of(new Part(name, Optional.ofNullable(parameters.get("filename")), current));
    }

    /** The bytes before the first boundary are ignored; the boundary itself is consumed. */
    private void skipPreamble() throws IOException {
        PartStream preamble = new PartStream();
        preamble.skipRest();
    }

    /** After a delimiter: "--" ends the body, otherwise the line ends and headers follow. */
    private void afterDelimiter() throws IOException {
        fill(2);
        if (end - start >= 2 && buffer[start] == '-' && buffer[start + 1] == '-') {
            finished = true;
            return;
        }
        String rest = readLine();
        if (!rest.isBlank()) {
            throw new MalformedMultipart("unexpected text after a boundary");
        }
    }

    private Map<String, String> readHeaders() throws IOException {
        Map<String, String> headers = new HashMap<>();
        int total = 0;
        while (true) {
            String line = readLine();
            total += line.length() + 2;
            if (total > MAX_HEADER_BYTES) {
                throw new MalformedMultipart("a part's headers are longer than " + MAX_HEADER_BYTES + " bytes");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
    }

    /** One header line, decoded as UTF-8 (clients send non-ASCII file names raw). */
    private String readLine() throws IOException {
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
        while (true) {
            fill(1);
            if (start == end) {
                throw new MalformedMultipart("the body ended inside a part's headers");
            }
            byte b = buffer[start++];
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.UTF_8);
            }
            if (line.size() > MAX_HEADER_BYTES) {
                throw new MalformedMultipart("a part's header line is too long");
            }
            line.write(b);
        }
    }

    /** Reads until at least {@code wanted} bytes are buffered, or the input ends. */
    private void fill(int wanted) throws IOException {
        if (end - start >= wanted || endOfInput) {
            return;
        }
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }
        while (end - start < wanted && !endOfInput) {
            int read = in.read(buffer, end, buffer.length - end);
            if (read < 0) {
                endOfInput = true;
            } else {
                end += read;
            }
        }
    }

    private int indexOfDelimiter() {
        int last = end - delimiter.length;
        outer:
        for (int i = start; i <= last; i++) {
            if (buffer[i] != '\r') {
                continue;
            }
            for (int j = 1; j < delimiter.length; j++) {
                if (buffer[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The {@code name=value} parameters of a header; a quoted value may hold semicolons. */
    private static Map<String, String> parameters(String disposition) {
        Map<String, String> parameters = new HashMap<>();
        StringBuilder piece = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i <= disposition.length(); i++) {
            char c = i < disposition.length() ? disposition.charAt(i) : ';';
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ';' && !quoted) {
                int equals = piece.indexOf("=");
                if (equals > 0) {
                    parameters.put(piece.substring(0, equals).trim().toLowerCase(Locale.ROOT),
                            unquote(piece.substring(equals + 1).trim()));
                }
                piece.setLength(0);
            } else {
                piece.append(c);
            }
        }
        return parameters;
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** The bytes of the current part, up to the next delimiter. */
    private final class PartStream extends InputStream {

        private boolean done;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            fill(delimiter.length + 2);
            int found = indexOfDelimiter();
            int available;
            if (found >= 0) {
                available = found - start;
            } else if (endOfInput) {
                throw new MalformedMultipart("the body ended without its closing boundary");
            } else {
                available = end - start - (delimiter.length - 1);
            }
            if (available == 0 && found >= 0) {
                start += delimiter.length;
                done = true;
                afterDelimiter();
                return -1;
            }
            int n = Math.min(length, available);
            System.arraycopy(buffer, start, target, offset, n);
            start += n;
            return n;
        }

        void skipRest() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }

    /** A body that is not the multipart it claims to be. */
    static final class MalformedMultipart extends IOException {

        MalformedMultipart(String message) {
            super(message);
        }
    }
}
