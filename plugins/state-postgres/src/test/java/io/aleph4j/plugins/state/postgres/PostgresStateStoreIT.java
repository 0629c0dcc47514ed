package io.aleph4j.plugins.state.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.aleph4j.api.state.StateStore;
import io.aleph4j.plugins.state.jdbc.JdbcStateStore;
import io.aleph4j.plugins.state.jdbc.StoreException;
import io.aleph4j.testkit.PostgresServer;
import io.aleph4j.testkit.StateStoreContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The state store contract on a real PostgreSQL server, one fresh database per test. Each database sorts text the
 * way production databases usually do, by a language's rules (ICU's en-US: "a" before "B"), so that the contract's
 * code-point orders show every query that forgets to ask for them.
 */
final class PostgresStateStoreIT extends StateStoreContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private String url;

    @Override
    protected StateStore openEmptyStore() {
        url = createLinguisticDatabase();
        return open(url);
    }

    /**
     * A new database whose default collation is ICU's en-US. A server without ICU collations (built without ICU, or
     * older than PostgreSQL 15) gets its default database instead.
     */
    private static String createLinguisticDatabase() {
        String name = "linguistic_" + DATABASES.incrementAndGet();
        PGSimpleDataSource server = new PGSimpleDataSource();
        server.setUrl(PostgresServer.shared().jdbcUrl("postgres"));
        server.setUser(PostgresServer.USER);
        try (Connection admin = server.getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name + " TEMPLATE template0 ENCODING 'UTF8' "
                    + "LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'");
            return PostgresServer.shared().jdbcUrl(name);
        } catch (SQLException e) {
            return PostgresServer.shared().createDatabase();
        }
    }

    @Test
    void theContractsDatabasesSortTextByALanguagesRules() throws SQLException {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(url);
        database.setUser(PostgresServer.USER);
        try (Connection connection = database.getConnection(); Statement statement = connection.createStatement();
             ResultSet sorted = statement.executeQuery(
                     "SELECT string_agg(letter, '' ORDER BY letter) FROM (VALUES ('B'), ('a')) AS letters (letter)")) {
            sorted.next();
            assertThat(sorted.getString(1)).isEqualTo("aB");
        }
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
