package io.aleph4j.plugins.state.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * SQLite's housekeeping, on its own thread and connection:
 * <ul>
 *   <li>checkpoints: copies the write-ahead log back into the database file, so that the writer never does it
 *   inside a commit (SQLite's automatic checkpoint would, and with {@code synchronous=NORMAL} that includes two
 *   fsyncs). A passive checkpoint neither waits for nor blocks the writer and the readers; once it has caught
 *   up, the writer starts the log from its beginning again. Under sustained writes it never catches up (the
 *   writer appends while it copies), and the log grew without end: 40 GB for a million messages. So once the log
 *   passes {@code walLimitBytes}, a restarting checkpoint holds the writer back until every frame is copied and
 *   makes the next commit start the log anew (truncated by {@code journal_size_limit}): a pause of about the
 *   time it takes to copy that many bytes.</li>
 * </ul>
 * ({@code PRAGMA optimize} writes statistics, so it runs on the writer: {@link SqliteStore}.)
 */
final class SqliteMaintenance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SqliteMaintenance.class.getName());

    private final Connection connection;
    private final Path wal;
    private final long walLimitBytes;
    private final ScheduledExecutorService thread;
    private volatile SQLException lastFailure;

    SqliteMaintenance(String name, Connection connection, Path database, long checkpointPeriodMillis,
                      long walLimitBytes) {
        this.connection = connection;
        this.wal = database.resolveSibling(database.getFileName() + "-wal");
        this.walLimitBytes = walLimitBytes;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name + "-maintenance").daemon(true).factory());
        thread.scheduleWithFixedDelay(this::checkpoint, checkpointPeriodMillis, checkpointPeriodMillis,
                TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        run(walBytes() > walLimitBytes ? "PRAGMA wal_checkpoint(RESTART)" : "PRAGMA wal_checkpoint(PASSIVE)");
    }

    private long walBytes() {
        try {
            return Files.size(wal);
        } catch (IOException e) {
            return 0; // no log yet, or removed by the last connection's close
        }
    }

    private void run(String pragma) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(pragma);
            lastFailure = null;
        } catch (SQLException e) {
            // Tried again next period; said once per run of failures rather than every period.
            if (lastFailure == null) {
                LOG.log(System.Logger.Level.WARNING, pragma + " failed; retrying every period", e);
            }
            lastFailure = e;
        }
    }

    @Override
    public void close() throws SQLException, InterruptedException {
        thread.shutdownNow();
        thread.awaitTermination(30, TimeUnit.SECONDS);
        connection.close();
    }
}
