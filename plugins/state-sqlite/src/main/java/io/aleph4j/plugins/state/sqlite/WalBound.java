package io.aleph4j.plugins.state.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps SQLite's write-ahead log near {@code limitBytes}, from the writer, between its transactions.
 *
 * <p>Why the writer: the background checkpoint ({@link SqliteMaintenance}) is passive, and a passive checkpoint
 * can never finish while a writer commits every few milliseconds; SQLite restarts the log from its beginning only
 * once every frame is back in the database, so under sustained writes the log grew without end (38.6 GB after a
 * million messages). A restarting checkpoint copies every frame and waits for the readers still on them; from
 * another connection it would hold the write lock, and the writer's transactions, which read before they write,
 * fail at once with SQLITE_BUSY when they cannot upgrade (the busy timeout does not cover that). On the writer's
 * own connection, between two transactions, there is no writer to collide with.
 *
 * <p>The log's file size is the signal: SQLite truncates the file to {@code journal_size_limit} (set to the same
 * limit) at the first commit after each restart, so a file beyond the limit holds frames written since the last
 * restart. Usually the background checkpoint has copied most of them and the writer only pays for the rest.
 */
final class WalBound {

    private final Path wal;
    private final long limitBytes;

    WalBound(Path database, long limitBytes) {
        this.wal = database.resolveSibling(database.getFileName() + "-wal");
        this.limitBytes = limitBytes;
    }

    /** Runs a restarting checkpoint on {@code writer} when the log is beyond its limit; outside any transaction. */
    void keep(Connection writer) throws SQLException {
        if (walBytes() <= limitBytes) {
            return;
        }
        // A checkpoint cannot run inside the transaction the driver keeps open on a connection without autocommit.
        writer.setAutoCommit(true);
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA wal_checkpoint(RESTART)");
        } finally {
            writer.setAutoCommit(false);
        }
    }

    private long walBytes() {
        try {
            return Files.size(wal);
        } catch (IOException e) {
            return 0; // not there yet (no write since open), or unreadable: nothing to bound
        }
    }
}
