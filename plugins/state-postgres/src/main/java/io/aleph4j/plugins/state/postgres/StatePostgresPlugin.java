package io.aleph4j.plugins.state.postgres;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.plugins.state.jdbc.JdbcStateStore;
import java.util.List;

/** Contributes the node's {@link StateStore} on a PostgreSQL database. */
public final class StatePostgresPlugin implements AlephPlugin {

    static final ConfigKey<String> URL = ConfigKey.string("url", "jdbc:postgresql://127.0.0.1:5432/aleph4j",
            "the JDBC URL of an existing database; the store creates its tables in it");
    static final ConfigKey<String> USER = ConfigKey.string("user", "aleph4j", "the database user");
    static final ConfigKey<String> PASSWORD = ConfigKey.string("password", "",
            "the user's password; empty for none (trust, peer or a .pgpass file)");
    static final ConfigKey<Integer> READERS = ConfigKey.integer("readers", 8,
            "how many connections queries may use at once");

    private JdbcStateStore store;

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(URL, USER, PASSWORD, READERS);
    }

    @Override
    public void register(Registrar registrar) {
        // The store is an instance, not a class for the node to build: its connections open at start and close at
        // stop, the entry's lifecycle, so the entry keeps it.
        PluginConfig config = registrar.context().config();
        store = PostgresStore.create("state-postgres", config.get(URL), config.get(USER), config.get(PASSWORD),
                config.get(READERS));
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
