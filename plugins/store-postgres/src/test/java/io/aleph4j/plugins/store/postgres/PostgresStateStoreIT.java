package io.aleph4j.plugins.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.message.ItemType;
import io.aleph4j.api.storage.FileReference;
import io.aleph4j.api.storage.StateStore;
import io.aleph4j.plugins.store.jdbc.JdbcStateStore;
import io.aleph4j.plugins.store.jdbc.StoreException;
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
        JdbcStateStore opened = PostgresStore.create("store-postgres", url, PostgresServer.USER, "", 4);
        opened.open();
        return opened;
    }

    @Test
    void stateAndTheAppliedIndexSurviveReopening() throws Exception {
        FileReference reference = new FileReference(hash(1), "0xowner", hash(2), ItemType.STORAGE, null, 1.0);
        store.write(41, tx -> {
            tx.putFileReference(reference);
            return null;
        });
        close(store);
        store = open(url);
        assertThat(store.appliedInboxIndex()).isEqualTo(41);
        assertThat(store.queries().fileReference(hash(1))).contains(reference);
    }

    @Test
    void aDatabaseThatDoesNotExistIsAClearErrorNamingTheStore() {
        JdbcStateStore missing = PostgresStore.create("store-postgres",
                PostgresServer.shared().jdbcUrl("no_such_database"), PostgresServer.USER, "", 1);
        assertThatThrownBy(missing::open)
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("store-postgres could not open its database")
                .hasStackTraceContaining("no_such_database");
    }
}
