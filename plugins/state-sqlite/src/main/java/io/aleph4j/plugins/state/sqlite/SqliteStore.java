package io.aleph4j.plugins.state.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.aleph4j.plugins.state.jdbc.JdbcStateStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** Opens the state store on a SQLite file. */
public final class SqliteStore {

    private SqliteStore() {
    }

    /**
     * A store on the database at {@code file}, created and migrated when {@link JdbcStateStore#open()} runs.
     *
     * @param readers how many reader connections queries may use at once
     */
    public static JdbcStateStore create(String name, Path file, int readers) {
        return new JdbcStateStore(name, () -> connect(name, file, readers), housekeeping());
    }

    /** A store whose filter of stored hashes starts small, for tests that watch it grow. */
    static JdbcStateStore create(String name, Path file, int readers, long smallestHashFilter) {
        return new JdbcStateStore(name, () -> connect(name, file, readers), housekeeping(), smallestHashFilter);
    }

    private static JdbcStateStore.Housekeeping housekeeping() {
        return new JdbcStateStore.Housekeeping(Duration.ofMinutes(1), new PlannerStatistics()::refresh);
    }

    private static JdbcStateStore.Connections connect(String name, Path file, int readers) throws SQLException {
        // WAL lets readers work while the pipeline writes. synchronous=NORMAL keeps every commit across a process
        // crash (not a power loss); what a power loss drops is rebuilt from the log, which resumes at the
        // applied index committed with the state.
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(10_000);
        config.setTempStore(SQLiteConfig.TempStore.MEMORY);
        // A page cache large enough for the hot part of the indexes (the default is 2 MiB): every miss is a
        // read system call on the writer's thread.
        config.setCacheSize(-64 * 1024);
        // Checkpoints run on their own thread (SqliteMaintenance), not inside the writer's commits.
        config.setWalAutocheckpoint(0);
        // After a checkpoint the log restarts from its beginning; this truncates what a burst left beyond 64 MiB.
        config.setJournalSizeLimit(64 * 1024 * 1024);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());

        HikariConfig pool = new HikariConfig();
        pool.setDataSource(readOnly(file));
        pool.setPoolName(name + "-readers");
        pool.setMaximumPoolSize(readers);
        pool.setMinimumIdle(0);
        pool.setInitializationFailTimeout(-1);
        pool.setConnectionTimeout(5_000);
        // Not SQLiteConfig#setReadOnly: Hikari resets the read-only flag on every borrow, which the SQLite driver
        // refuses after the connection is open. query_only makes the connection refuse writes just the same.
        pool.setConnectionInitSql("PRAGMA query_only = true");
        // The writer first: it creates the file the others open.
        Connection writer = source.getConnection();
        HikariDataSource readerPool = new HikariDataSource(pool);
        SqliteMaintenance maintenance = new SqliteMaintenance(name, readOnly(file).getConnection(), 1_000);
        AutoCloseable closeOthers = () -> {
            try (readerPool) {
                maintenance.close();
            }
        };
        return new JdbcStateStore.Connections(writer, readerPool, closeOthers);
    }

    private static SQLiteDataSource readOnly(Path file) {
        SQLiteConfig config = new SQLiteConfig();
        config.setBusyTimeout(10_000);
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file.toAbsolutePath());
        return source;
    }
}
