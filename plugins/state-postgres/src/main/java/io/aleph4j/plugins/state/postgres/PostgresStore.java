package io.aleph4j.plugins.state.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.aleph4j.plugins.state.jdbc.JdbcStateStore;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.ds.PGSimpleDataSource;

/** Opens the state store on a PostgreSQL database. */
public final class PostgresStore {

    private PostgresStore() {
    }

    /**
     * A store on the database at {@code url} ({@code jdbc:postgresql://host:port/database}), migrated when
     * {@link JdbcStateStore#open()} runs. The database must exist; the schema is created in it.
     *
     * @param readers how many reader connections queries may use at once
     */
    public static JdbcStateStore create(String name, String url, String user, String password, int readers) {
        return new JdbcStateStore(name, () -> connect(name, url, user, password, readers));
    }

    private static JdbcStateStore.Connections connect(String name, String url, String user, String password,
                                                      int readers) throws SQLException {
        // The data source is created directly rather than found through DriverManager, which does not see a
        // driver loaded by a plugin's class loader.
        Connection writer = dataSource(name + "-writer", url, user, password).getConnection();
        HikariConfig pool = new HikariConfig();
        pool.setDataSource(dataSource(name + "-reader", url, user, password));
        pool.setPoolName(name + "-readers");
        pool.setMaximumPoolSize(readers);
        pool.setMinimumIdle(0);
        pool.setReadOnly(true);
        pool.setInitializationFailTimeout(-1);
        pool.setConnectionTimeout(5_000);
        HikariDataSource readerPool = new HikariDataSource(pool);
        return new JdbcStateStore.Connections(writer, readerPool, readerPool);
    }

    private static PGSimpleDataSource dataSource(String applicationName, String url, String user,
                                                 String password) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(url);
        source.setUser(user);
        if (!password.isEmpty()) {
            source.setPassword(password);
        }
        source.setApplicationName("aleph4j " + applicationName);
        source.setConnectTimeout(10);
        // The pipeline's batches reuse a handful of statements: server-side prepare them from the first use.
        source.setPrepareThreshold(1);
        // The writer sends new rows in JDBC batches (state-jdbc's DeferredInserts): the driver makes them multi-row
        // INSERTs, one round trip per ~128 rows instead of one per row.
        source.setReWriteBatchedInserts(true);
        return source;
    }
}
