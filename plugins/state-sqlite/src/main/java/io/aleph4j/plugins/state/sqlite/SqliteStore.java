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
     * How the store bounds its write-ahead log; tests shrink it to see the bound work.
     *
     * @param walLimitBytes           the log's size beyond which the writer checkpoints it ({@link WalBound}), and
     *                                the size SQLite truncates it back to
     * @param walCheckEvery           how often the writer looks at the log's size, between transactions
     * @param checkpointPeriodMillis  the period of the background checkpoint ({@link SqliteMaintenance})
     */
    record WalOptions(long walLimitBytes, Duration walCheckEvery, long checkpointPeriodMillis) {
        static final WalOptions DEFAULT = new WalOptions(64L << 20, Duration.ofSeconds(1), 1_000);
    }

    /**
     * A store on the database at {@code file}, created and migrated when {@link JdbcStateStore#open()} runs.
     *
     * @param readers how many reader connections queries may use at once
     */
    public static JdbcStateStore create(String name, Path file, int readers) {
        return create(name, file, readers, WalOptions.DEFAULT);
    }

    static JdbcStateStore create(String name, Path file, int readers, WalOptions wal) {
        return new JdbcStateStore(name, () -> connect(name, file, readers, wal), housekeeping(file, wal));
    }

    /** A store whose filter of stored hashes starts small, for tests that watch it grow. */
    static JdbcStateStore create(String name, Path file, int readers, long smallestHashFilter) {
        return new JdbcStateStore(name, () -> connect(name, file, readers, WalOptions.DEFAULT),
                housekeeping(file, WalOptions.DEFAULT), smallestHashFilter);
    }

    private static JdbcStateStore.Housekeeping housekeeping(Path file, WalOptions wal) {
        return new JdbcStateStore.Housekeeping(wal.walCheckEvery(),
                new WriterChores(new WalBound(file, wal.walLimitBytes())));
    }

    /** The writer's work between transactions: the log's bound at every look, the planner's statistics each minute. */
    private static final class WriterChores implements JdbcStateStore.Housekeeping.Task {
        private static final long STATISTICS_EVERY = Duration.ofMinutes(1).toNanos();
        private final WalBound bound;
        private final PlannerStatistics statistics = new PlannerStatistics();
        private long statisticsAt = System.nanoTime() - STATISTICS_EVERY;

        WriterChores(WalBound bound) {
            this.bound = bound;
        }

        @Override
        public void run(Connection writer) throws SQLException {
            bound.keep(writer);
            if (System.nanoTime() - statisticsAt >= STATISTICS_EVERY) {
                statisticsAt = System.nanoTime();
                statistics.refresh(writer);
            }
        }
    }

    private static JdbcStateStore.Connections connect(String name, Path file, int readers, WalOptions wal)
            throws SQLException {
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
        // After a checkpoint the log restarts from its beginning; this truncates what a burst left beyond the
        // limit, which WalBound reads as the sign that the log needs the writer's checkpoint.
        config.setJournalSizeLimit((int) Math.min(Integer.MAX_VALUE, wal.walLimitBytes()));
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
        SqliteMaintenance maintenance = new SqliteMaintenance(name, readOnly(file).getConnection(),
                wal.checkpointPeriodMillis());
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
