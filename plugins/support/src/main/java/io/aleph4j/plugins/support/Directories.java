package io.aleph4j.plugins.crn.supervisor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing the supervisor's own directories (unpacking staging, executions' work directories). */
final class Directories {

    private Directories() {
    }

    /**
     * Deletes the directory and everything below it, deepest first; nothing when it does not exist.
     *
     * @throws IOException when the tree cannot be walked (files that cannot be deleted are left)
     */
    static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
