package io.aleph4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Bytes this process and the processes it started (a PostgreSQL server) have caused to be written to storage,
 * from Linux's {@code /proc/<pid>/io}
 * ({@code write_bytes}: what reached the block layer, after the page cache, so a file rewritten in place before
 * it was flushed counts once, and an fsync'd WAL frame counts each time). It counts the state store's writes,
 * its WAL, checkpoints and compactions; the message log, written through memory-mapped files, is flushed by the
 * kernel's writeback threads and is mostly not counted here (the log's own size is its cost: one copy).
 */
final class DiskWrites {

    private DiskWrites() {
    }

    /**
     * Bytes written so far by this process and its descendants alive now (one that ended takes its count with
     * it); -1 where {@code /proc/self/io} cannot be read.
     */
    static long bytes() {
        long own = bytesOf(ProcessHandle.current().pid());
        if (own < 0) {
            return -1;
        }
        try (var descendants = ProcessHandle.current().descendants()) {
            return own + descendants.mapToLong(process -> Math.max(0, bytesOf(process.pid()))).sum();
        }
    }

    private static long bytesOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1; // ended meanwhile, or another user's process
        }
        return -1;
    }

    /** Bytes under {@code directory}, every regular file counted. */
    static long sizeOf(Path directory) {
        // A walk fails when a directory it lists goes away under it (compactions remove files all the time): retry.
        for (int attempt = 0; attempt < 5; attempt++) {
            long size = sizeOnce(directory);
            if (size >= 0) {
                return size;
            }
        }
        return -1;
    }

    private static long sizeOnce(Path directory) {
        try (var files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> {
                try {
                    return Files.size(file);
                } catch (IOException e) {
                    return 0; // removed meanwhile (a compacted table, a rolled log file)
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
