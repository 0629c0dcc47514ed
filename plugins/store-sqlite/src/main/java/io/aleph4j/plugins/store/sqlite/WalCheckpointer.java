package io.aleph4j.plugins.store.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Copies the write-ahead log back into the database file on its own thread and connection, so that the writer
 * never does it inside a commit (SQLite's automatic checkpoint would, and with {@code synchronous=NORMAL} that
 * includes two fsyncs). A passive checkpoint neither waits for nor blocks the writer and the readers; once it
 * has caught up, the writer starts the log from its beginning again, so the file stays bounded.
 */
final class WalCheckpointer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(WalCheckpointer.class.getName());

    private final Connection connection;
    private final ScheduledExecutorService thread;
    private volatile SQLException lastFailure;

    WalCheckpointer(String name, Connection connection, long periodMillis) {
        this.connection = connection;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name(name + "-checkpointer").daemon(true).factory());
        thread.scheduleWithFixedDelay(this::checkpoint, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void checkpoint() {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
            lastFailure = null;
        } catch (SQLException e) {
            // Tried again next period; said once per run of failures rather than every period.
            if (lastFailure == null) {
                LOG.log(System.Logger.Level.WARNING, "WAL checkpoint failed; retrying every period", e);
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
