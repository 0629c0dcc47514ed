package io.aleph4j.plugins.state.sqlite;

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
 *   up, the writer starts the log from its beginning again, so the file stays bounded;</li>
 * </ul>
 * ({@code PRAGMA optimize} writes statistics, so it runs on the writer: {@link SqliteStore}.)
 */
final class SqliteMaintenance implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(SqliteMaintenance.class.getName());

    private final Connection connection;
    private final ScheduledExecutorService thread;
    private volatile SQLException lastFailure;

    SqliteMaintenance(String name, Connection connection, long checkpointPeriodMillis) {
        this.connection = connection;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name + "-maintenance").daemon(true).factory());
        thread.scheduleWithFixedDelay(() -> run("PRAGMA wal_checkpoint(PASSIVE)"), checkpointPeriodMillis,
                checkpointPeriodMillis, TimeUnit.MILLISECONDS);
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
