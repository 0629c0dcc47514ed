package io.aleph4j.plugins.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Removing a plugin's own directory trees (staging, work and run directories). */
public final class Directories {

    private Directories() {
    }

    /**
     * Deletes the directory and everything below it, deepest first; nothing when it does not exist.
     *
     * @throws IOException when the tree cannot be walked (files that cannot be deleted are left)
     */
    public static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** {@link #deleteTree}, for a tree whose leftovers would only take some space in a temporary directory. */
    public static void deleteTreeQuietly(Path directory) {
        try {
            deleteTree(directory);
        } catch (IOException e) {
            // What could not be deleted stays; nothing depends on it being gone.
        }
    }
}
