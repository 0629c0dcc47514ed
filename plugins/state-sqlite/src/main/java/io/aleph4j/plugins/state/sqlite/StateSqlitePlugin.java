package io.aleph4j.plugins.state.sqlite;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.plugins.state.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.util.List;

/** Contributes the node's {@link StateStore} on a SQLite file. */
public final class StateSqlitePlugin implements AlephPlugin {

    static final ConfigKey<String> FILE = ConfigKey.string("file", "",
            "the database file; empty for state.db in the plugin's data directory");
    static final ConfigKey<Integer> READERS = ConfigKey.integer("readers", 4,
            "how many connections queries may use at once");

    private JdbcStateStore store;

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(FILE, READERS);
    }

    @Override
    public void register(Registrar registrar) {
        // The store is an instance, not a class for the node to build: its database opens at start and closes at
        // stop, the entry's lifecycle, so the entry keeps it.
        PluginConfig config = registrar.context().config();
        String configured = config.get(FILE);
        Path file = configured.isEmpty() ? registrar.context().dataDirectory().resolve("state.db") : Path.of(configured);
        store = SqliteStore.create("state-sqlite", file, config.get(READERS));
        registrar.extension(StateStore.class, store);
    }

    @Override
    public void start(NodeContext context) {
        store.open();
    }

    @Override
    public void stop() throws Exception {
        store.close();
    }
}
