package io.aleph4j.plugins.content.fs;

import io.aleph4j.api.config.PluginConfig;
import java.nio.file.Path;
import java.util.Objects;

/** content-fs's config, typed: the directory its content lives in. */
record FsConfig(Path directory) {

    FsConfig {
        Objects.requireNonNull(directory, "directory");
    }

    /** The configured directory, or the plugin's data directory when none is set. */
    static FsConfig from(PluginConfig section, Path dataDirectory) {
        String configured = section.get(ContentFsPlugin.DIRECTORY);
        return new FsConfig(configured.isEmpty() ? dataDirectory : Path.of(configured));
    }
}
