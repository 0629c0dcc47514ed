package io.aleph4j.plugins.state.postgres;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.state.StateStore;
import io.aleph4j.plugins.state.jdbc.JdbcStateStore;
import io.aleph4j.plugins.state.jdbc.StoreException;
import io.aleph4j.testkit.PostgresServer;
import io.aleph4j.testkit.StateStoreContract;
import org.junit.jupiter.api.Test;

/** The state store contract on a real PostgreSQL server, one fresh database per test. */
final class PostgresStateStoreIT extends StateStoreContract {

    private String url;

    @Override
    protected StateStore openEmptyStore() {
        url = PostgresServer.shared().createDatabase();
        return open(url);
    }

    @Override
    protected void close(StateStore store) throws Exception {
        ((JdbcStateStore) store).close();
    }

    private static JdbcStateStore open(String url) {
        JdbcStateStore opened = PostgresStore.create("state-postgres", url, PostgresServer.USER, "", 4);
        opened.open();
        return opened;
    }

    @Override
    protected StateStore reopen() {
        return open(url);
    }

    @Test
    void aDatabaseThatDoesNotExistIsAClearErrorNamingTheStore() {
        JdbcStateStore missing = PostgresStore.create("state-postgres",
                PostgresServer.shared().jdbcUrl("no_such_database"), PostgresServer.USER, "", 1);
        assertThatThrownBy(missing::open)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("state-postgres could not open its database")
                .hasStackTraceContaining("no_such_database");
    }
}
