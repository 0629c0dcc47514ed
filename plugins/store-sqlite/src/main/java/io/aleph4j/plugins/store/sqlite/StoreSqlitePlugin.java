package io.aleph4j.plugins.store.sqlite;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.storage.StateStore;
import io.aleph4j.plugins.store.jdbc.JdbcStateStore;

import java.nio.file.Path;
import java.util.List;

/** Contributes the node's {@link StateStore} on a SQLite file. */
public final class StoreSqlitePlugin implements AlephPlugin {

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
    public void register(NodeContext context) {
        String configured = context.config().get(FILE);
        Path file = configured.isEmpty() ? context.dataDirectory().resolve("state.db") : Path.of(configured);
        store = SqliteStore.create("store-sqlite", file, context.config().get(READERS));
        context.contribute(StateStore.class, store);
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
