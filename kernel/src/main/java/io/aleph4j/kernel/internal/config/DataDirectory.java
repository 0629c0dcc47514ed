package io.aleph4j.kernel.internal.config;

import java.nio.file.Path;
import java.util.Objects;

/** The node's data directory: its log, state and plugin data live under it. */
public record DataDirectory(Path path) {

    public DataDirectory {
        Objects.requireNonNull(path, "path");
    }
}
