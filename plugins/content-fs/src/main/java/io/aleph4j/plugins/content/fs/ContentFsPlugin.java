package io.aleph4j.plugins.content.fs;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.content.ContentStore;
import java.util.List;

/** Contributes the node's local {@link ContentStore}: files under the plugin's data directory. */
public final class ContentFsPlugin implements AlephPlugin {

    static final ConfigKey<String> DIRECTORY = ConfigKey.string("directory", "",
            "where the content lives; empty for the plugin's data directory");

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(DIRECTORY);
    }

    @Override
    public void register(Registrar registrar) {
        registrar.config(FsConfig.class, section -> FsConfig.from(section, registrar.context().dataDirectory()));
        registrar.extension(ContentStore.class, FsContentStore.class);
    }
}
