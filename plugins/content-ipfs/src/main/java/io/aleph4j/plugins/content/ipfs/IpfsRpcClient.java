package io.aleph4j.plugins.content.ipfs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.content.ContentTooLargeException;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The calls of an IPFS node's HTTP RPC API ({@code /api/v0}, kubo's, also served by other implementations) this
 * store needs. Every call is bounded: the node's own work by its {@code timeout} argument, so that content the
 * node cannot find answers "not found" instead of hanging, and the HTTP exchange by that plus a margin, so that the
 * node's answer arrives before the client gives up. Calls that
 * can be repeated are retried on connection failures, {@code retries} times with doubling pauses.
 */
final class IpfsRpcClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What {@code add} made of the bytes. */
    record Added(String cid, long size) {
    }

    /** What {@code files/stat} says of a CID: its UnixFS type, its size, and the size of every block it links. */
    record Stat(String type, long size, long cumulativeSize) {

        boolean isFile() {
            return type.equals("file");
        }
    }

    private final URI api;
    private static final Duration MARGIN = Duration.ofSeconds(5);
    private static final Duration ADD_TIMEOUT = Duration.ofMinutes(30);

    private final Duration timeout;
    private final Duration httpTimeout;
    private final Duration addTimeout;
    private final int retries;
    private final HttpClient http;

    @Inject
    IpfsRpcClient(IpfsConfig config) {
        this(config.api(), config.timeout(), config.retries());
    }

    IpfsRpcClient(URI api, Duration timeout, int retries) {
        this.api = api.toString().endsWith("/") ? api : URI.create(api + "/");
        this.timeout = timeout;
        this.httpTimeout = timeout.plus(MARGIN);
        this.addTimeout = ADD_TIMEOUT;
        this.retries = retries;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The node's RPC API, for logs. */
    URI api() {
        return api;
    }

    /**
     * Adds a file, streamed, unpinned (the store pins it next); CIDv0 as the reference node asks
     * ({@code ipfs add --cid-version=0}). Bounded by a longer timeout than other calls: the whole file passes.
     */
    Added add(InputStream content, long maxBytes) throws IOException {
        Limited limited = new Limited(content, maxBytes);
        String body = upload("add", "cid-version=0&pin=false", limited, maxBytes);
        JsonNode answer = lastLine(body);
        String cid = answer.path("Hash").asText("");
        if (cid.isEmpty()) {
            throw new IOException("the IPFS node's add answered without a Hash: " + abbreviate(body));
        }
        return new Added(cid, limited.count);
    }

    /**
     * Imports a CAR archive's blocks, streamed, pinning nothing ({@code dag import --pin-roots=false}: the store
     * pins the root once it is the one expected). Bounded like {@link #add}. With its roots unpinned, the node
     * answers no lines, or error lines on a failure after its answer started.
     */
    void dagImport(InputStream car, long maxBytes) throws IOException {
        String body = upload("dag/import", "pin-roots=false", new Limited(car, maxBytes), maxBytes);
        for (String line : body.strip().split("\n")) {
            if (!line.isBlank() && "error".equals(JSON.readTree(line).path("Type").asText())) {
                throw new NodeAnswered("the IPFS node refused dag/import: " + abbreviate(line));
            }
        }
    }

    /**
     * Sends {@code content} as the multipart field {@code file} of a call, cut off past {@code maxBytes}; the answer's
     * body. Not retried: the stream is consumed.
     */
    private String upload(String command, String query, Limited limited, long maxBytes) throws IOException {
        String boundary = "aleph4j-" + UUID.randomUUID();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"file\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
        HttpRequest request = HttpRequest.newBuilder(call(command, query)).timeout(addTimeout)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new SequenceInputStream(Collections.enumeration(
                        List.of(new ByteArrayInputStream(head), limited, new ByteArrayInputStream(tail))))))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            if (limited.exceeded) {
                throw new ContentTooLargeException(maxBytes);
            }
            throw new IOException("the IPFS node at " + api + " did not take the " + command + " upload: "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while uploading to IPFS (" + command + ")", e);
        }
        if (limited.exceeded) {
            throw new ContentTooLargeException(maxBytes);
        }
        return check(response.statusCode(), response.body(), command);
    }

    /** The file's size, or empty when the node cannot find it within its timeout or it is no file. */
    Optional<Long> fileSize(String cid) throws IOException {
        return stat(cid).filter(Stat::isFile).map(Stat::size);
    }

    /** {@code files/stat /ipfs/<cid>}, or empty when the node cannot find the CID within its timeout. */
    Optional<Stat> stat(String cid) throws IOException {
        return retrying("files/stat", () -> {
            HttpResponse<String> response = send(call("files/stat", "arg=" + encode("/ipfs/" + cid)
                    + "&timeout=" + timeout.toMillis() + "ms"));
            if (response.statusCode() != 200) {
                if (isNotFound(response.body())) {
                    return Optional.empty();
                }
                check(response.statusCode(), response.body(), "files/stat");
            }
            JsonNode stat = JSON.readTree(response.body());
            long size = stat.path("Size").asLong();
            return Optional.of(new Stat(stat.path("Type").asText("file"), size,
                    stat.path("CumulativeSize").asLong(size)));
        });
    }

    /** The file's bytes from {@code offset}, streamed. */
    InputStream cat(String cid, long offset) throws IOException {
        return retrying("cat", () -> {
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(call("cat", "arg=" + encode(cid) + "&offset=" + offset
                        + "&timeout=" + timeout.toMillis() + "ms")).timeout(httpTimeout)
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while reading from IPFS", e);
            }
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    check(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), "cat");
                }
            }
            return response.body();
        });
    }

    /**
     * Whether the CID is pinned recursively on the node (by anyone). A CIDv1 is asked for in base32, as it is
     * written here: kubo answers so by default, js-ipfs in base58btc (which cannot write a CIDv0 in base32).
     */
    boolean isPinned(String cid) throws IOException {
        return retrying("pin/ls", () -> {
            HttpResponse<String> response = send(call("pin/ls", "arg=" + encode(cid) + "&type=recursive"
                    + (cid.startsWith("b") ? "&cid-base=base32" : "")));
            if (response.statusCode() != 200) {
                if (response.body().contains("not pinned")) {
                    return false;
                }
                check(response.statusCode(), response.body(), "pin/ls");
            }
            return JSON.readTree(response.body()).path("Keys").has(cid);
        });
    }

    void pinAdd(String cid) throws IOException {
        retrying("pin/add", () -> {
            HttpResponse<String> response = send(call("pin/add", "arg=" + encode(cid) + "&timeout="
                    + timeout.toMillis() + "ms"));
            check(response.statusCode(), response.body(), "pin/add");
            return null;
        });
    }

    /** Drops the pin; a CID that is not pinned is not an error. */
    void pinRm(String cid) throws IOException {
        retrying("pin/rm", () -> {
            HttpResponse<String> response = send(call("pin/rm", "arg=" + encode(cid)));
            if (response.statusCode() != 200 && !response.body().contains("not pinned")) {
                check(response.statusCode(), response.body(), "pin/rm");
            }
            return null;
        });
    }

    /** The node's version text, which also proves it answers. */
    String version() throws IOException {
        return retrying("version", () -> {
            HttpResponse<String> response = send(call("version", ""));
            return JSON.readTree(check(response.statusCode(), response.body(), "version")).path("Version").asText();
        });
    }

    private interface Call<T> {
        T run() throws IOException;
    }

    /**
     * Runs a call again after a failure to connect (the node restarting); anything else (an answer, a timeout
     * once connected) fails at once, so a call's time stays bounded by its timeout.
     */
    private <T> T retrying(String what, Call<T> call) throws IOException {
        IOException last = null;
        for (int attempt = 0; attempt <= retries; attempt++) {
            if (attempt > 0) {
                try {
                    Thread.sleep(100L << Math.min(attempt, 6));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while retrying " + what, e);
                }
            }
            try {
                return call.run();
            } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
                last = e;
            }
        }
        throw new IOException("the IPFS node at " + api + " failed " + what + " " + (retries + 1) + " times: "
                + last.getMessage(), last);
    }

    private HttpResponse<String> send(URI uri) throws IOException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(httpTimeout).POST(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while calling IPFS", e);
        }
    }

    private URI call(String command, String query) {
        return api.resolve(command + (query.isEmpty() ? "" : "?" + query));
    }

    private static String check(int status, String body, String what) throws NodeAnswered {
        if (status != 200) {
            throw new NodeAnswered("the IPFS node refused " + what + " (" + status + "): " + abbreviate(body));
        }
        return body;
    }

    private static boolean isNotFound(String body) {
        String text = body.toLowerCase(java.util.Locale.ROOT);
        // js-ipfs says "timed out", kubo "context deadline exceeded"; a malformed CID is not here either.
        return text.contains("timed out") || text.contains("deadline exceeded") || text.contains("not found")
                || text.contains("no link named") || text.contains("could not resolve") || text.contains("invalid");
    }

    /** {@code add} answers one JSON object per line (progress, then the file); the last one is the file. */
    private static JsonNode lastLine(String body) throws IOException {
        String[] lines = body.strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replace('\n', ' ');
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 297) + "...";
    }

    @Override
    public void close() {
        http.close();
    }

    /** The node answered, with an error: not a connection problem, so not retried. */
    static final class NodeAnswered extends IOException {
        NodeAnswered(String message) {
            super(message);
        }
    }

    /** Counts what passes and stops past the limit, so that an oversize file is never wholly sent. */
    private static final class Limited extends FilterInputStream {

        private final long limit;
        private volatile long count;
        private volatile boolean exceeded;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read = super.read(buffer, offset, length);
            if (read > 0) {
                count += read;
                if (count > limit) {
                    exceeded = true;
                    throw new ContentTooLargeException(limit);
                }
            }
            return read;
        }
    }
}
