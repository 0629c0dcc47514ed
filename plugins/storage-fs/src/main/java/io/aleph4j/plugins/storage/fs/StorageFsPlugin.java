package io.aleph4j.plugins.storage.fs;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.storage.ContentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** Contributes the node's local {@link ContentStore}: files under the plugin's data directory. */
public final class StorageFsPlugin implements AlephPlugin {

    static final ConfigKey<String> DIRECTORY = ConfigKey.string("directory", "",
            "where the content lives; empty for the plugin's data directory");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(DIRECTORY);
    }

    @Override
    public void register(NodeContext context) {
        String configured = context.config().get(DIRECTORY);
        Path directory = configured.isEmpty() ? context.dataDirectory() : Path.of(configured);
        try {
            context.contribute(ContentStore.class, new FsContentStore(directory, context.clock()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use " + directory + " for content", e);
        }
    }
}
