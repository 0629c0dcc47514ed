package io.aleph4j.plugins.state.sqlite;

import io.aleph4j.plugins.state.jdbc.JdbcStateStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Keeps SQLite's planner statistics in step with the tables. Without them SQLite may read a broad filter through
 * the status index and sort every row, or find an owner's posts by scanning all posts by time. {@code PRAGMA
 * optimize} alone is not enough: it re-analyzes only some tables (measured: at a million rows, posts kept the
 * statistics of an empty table). So the writer runs a sampled {@code ANALYZE} (analysis_limit: ~0.5 s at a million
 * messages) whenever the message count has doubled since the last one — about twenty times over a node's growth
 * to a million — and a cheap {@code PRAGMA optimize} otherwise. The count of the last analysis is read back from
 * {@code sqlite_stat1} after a restart: an ANALYZE holds the writer (0.4 s to several seconds at a million rows,
 * with a cold page cache), and re-running it at every start stalled the pipeline right when a node has the most
 * to catch up with.
 */
final class PlannerStatistics {

    private long analyzedAtMessages = -1;

    void refresh(Connection writer) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            long messages = JdbcStateStore.storedMessages(writer);
            if (analyzedAtMessages < 0) {
                analyzedAtMessages = lastAnalyzedCount(statement);
            }
            if (analyzedAtMessages < 0 || messages >= 2 * analyzedAtMessages + 1_000) {
                statement.execute("PRAGMA analysis_limit = 1000");
                statement.execute("ANALYZE");
                analyzedAtMessages = messages;
            } else {
                statement.execute("PRAGMA optimize");
            }
        }
    }

    /** How many messages the last ANALYZE counted, or -1 when the database was never analyzed. */
    private static long lastAnalyzedCount(Statement statement) throws SQLException {
        try (ResultSet tables = statement.executeQuery(
                "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'")) {
            if (!tables.next() || tables.getLong(1) == 0) {
                return -1;
            }
        }
        try (ResultSet stat = statement.executeQuery(
                "SELECT stat FROM sqlite_stat1 WHERE tbl = 'messages' AND idx = 'messages_time'")) {
            if (!stat.next() || stat.getString(1) == null) {
                return -1;
            }
            // "<rows in the index> <rows per distinct time> ..."
            String rows = stat.getString(1).split(" ", 2)[0];
            try {
                return Long.parseLong(rows);
            } catch (NumberFormatException e) {
                return -1;
            }
        }
    }
}
