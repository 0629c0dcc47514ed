package io.aleph4j.plugins.state.rocksdb;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A running store's or node's files copied as a SIGKILL would leave them: nothing flushed or closed first. */
final class KilledFiles {

    private KilledFiles() {
    }

    /** Copies the tree, without RocksDB's LOCK file (a lock held by no process is taken anyway; a copy needs none). */
    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!file.getFileName().toString().equals("LOCK")) {
                    Files.copy(file, target);
                }
            }
        }
    }
}
