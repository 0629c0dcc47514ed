package io.aleph4j.benchmarks;

import io.aleph4j.kernel.InlinePlugin;
import io.aleph4j.plugins.api.http.ApiHttpPlugin;
import io.aleph4j.plugins.content.fs.ContentFsPlugin;
import io.aleph4j.plugins.state.sqlite.StateSqlitePlugin;
import io.aleph4j.testkit.EmbeddedNode;
import io.aleph4j.testkit.TestContent;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Content storage throughput against the raw disk in the same run: a file of {@code args[0]} MiB (default 200) is
 * copied on disk and forced (the baseline: what an atomic, durable store cannot beat), read back, then uploaded to
 * a node over loopback HTTP ({@code storage/add_file}: streamed to disk, sha256; {@code ipfs/add_file}: the same
 * plus the CIDv0) and downloaded ({@code storage/raw}: the store re-checks the address on the first read, then
 * streams). Each figure but the first read is the median of {@code args[1]} rounds (default 3) after a warm-up
 * round. Prints a Markdown table.
 */
public final class StorageThroughputTest {

    private static final long MIB = 1024 * 1024;

    public static void main(String[] args) throws Exception {
        long size = (args.length > 0 ? Long.parseLong(args[0]) : 200) * MIB;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        Path work = Files.createTempDirectory("aleph4j-storage-bench");
        Path source = work.resolve("source.bin");
        writePattern(source, size);
        try (EmbeddedNode node = EmbeddedNode.builder().dataDirectory(work.resolve("node"))
                .plugin(InlinePlugin.of("state-sqlite", new StateSqlitePlugin()))
                .plugin(InlinePlugin.of("content-fs", new ContentFsPlugin()))
                .plugin(InlinePlugin.of("api-http", new ApiHttpPlugin()))
                .set("api-http", "storage.max-unauthenticated-upload-bytes", size * 2)
                .set("api-http", "ipfs.max-file-bytes", size * 2).start();
             HttpClient client = HttpClient.newHttpClient()) {
            List<String[]> rows = new ArrayList<>();
            double copy = median(rounds, () -> diskCopy(source, work.resolve("copy.bin")));
            double read = median(rounds, () -> diskRead(source));
            double addStorage = median(rounds, () -> upload(client, node, source, size, false));
            double addIpfs = median(rounds, () -> upload(client, node, source, size, true));
            String hash = sha256(source);
            // The store re-checks a file's address on its first read, then trusts that check for a minute.
            double rawFirst = download(client, node, hash, size);
            double raw = median(rounds, () -> download(client, node, hash, size));
            rows.add(row("disk copy + fsync (baseline for adds)", copy, copy));
            rows.add(row("disk read (baseline for raw)", read, read));
            rows.add(row("POST storage/add_file (sha256)", addStorage, copy));
            rows.add(row("POST ipfs/add_file (multipart, CIDv0)", addIpfs, copy));
            rows.add(row("GET storage/raw, first read (check, then stream)", rawFirst, read));
            rows.add(row("GET storage/raw, again within a minute (checked already)", raw, read));
            System.out.printf("%n%d MiB file, median of %d rounds%n%n| operation | MB/s | / baseline |%n"
                    + "| --- | --- | --- |%n", size / MIB, rounds);
            rows.forEach(r -> System.out.printf("| %s | %s | %s |%n", r[0], r[1], r[2]));
        } finally {
            try (var files = Files.walk(work)) {
                files.sorted(Collections.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private interface Timed {
        double megabytesPerSecond() throws Exception;
    }

    private static double median(int rounds, Timed timed) throws Exception {
        List<Double> results = new ArrayList<>();
        timed.megabytesPerSecond();
        for (int i = 0; i < rounds; i++) {
            results.add(timed.megabytesPerSecond());
        }
        Collections.sort(results);
        return results.get(results.size() / 2);
    }

    private static String[] row(String what, double rate, double baseline) {
        return new String[] {what, String.format("%.0f", rate), String.format("%.2f", rate / baseline)};
    }

    private static double diskCopy(Path source, Path target) throws IOException {
        long started = System.nanoTime();
        Files.deleteIfExists(target);
        try (InputStream in = Files.newInputStream(source);
             FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            in.transferTo(java.nio.channels.Channels.newOutputStream(out));
            out.force(true);
        }
        return rate(Files.size(source), started);
    }

    private static double diskRead(Path source) throws IOException {
        long started = System.nanoTime();
        try (InputStream in = Files.newInputStream(source)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return rate(Files.size(source), started);
    }

    private static double upload(HttpClient client, EmbeddedNode node, Path source, long size, boolean ipfs)
            throws Exception {
        HttpRequest request;
        long started = System.nanoTime();
        if (ipfs) {
            String boundary = "aleph4j-bench";
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f\"\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            request = HttpRequest.newBuilder(node.uri("/api/v0/ipfs/add_file"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() ->
                            new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(head),
                                    newInput(source), new ByteArrayInputStream(tail))))),
                            head.length + size + tail.length)).build();
        } else {
            request = HttpRequest.newBuilder(node.uri("/api/v0/storage/add_file"))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(source)).build();
        }
        HttpResponse<String> answer = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("upload answered " + answer.statusCode() + ": " + answer.body());
        }
        return rate(size, started);
    }

    private static double download(HttpClient client, EmbeddedNode node, String hash, long size) throws Exception {
        long started = System.nanoTime();
        HttpResponse<InputStream> answer = client.send(HttpRequest.newBuilder(node.uri("/api/v0/storage/raw/" + hash))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        long read;
        try (InputStream body = answer.body()) {
            read = body.transferTo(OutputStream.nullOutputStream());
        }
        if (answer.statusCode() != 200 || read != size) {
            throw new IllegalStateException("download answered " + answer.statusCode() + " with " + read + " bytes");
        }
        return rate(size, started);
    }

    private static InputStream newInput(Path source) {
        try {
            return Files.newInputStream(source);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static double rate(long bytes, long startedNanos) {
        return bytes / 1e6 / ((System.nanoTime() - startedNanos) / 1e9);
    }

    private static void writePattern(Path file, long size) throws IOException {
        try (InputStream pattern = TestContent.pattern(size); OutputStream out = Files.newOutputStream(file)) {
            pattern.transferTo(out);
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return TestContent.sha256Hex(in);
        }
    }
}
