package io.aleph4j.plugins.store.sqlite;

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
 * to a million — and a cheap {@code PRAGMA optimize} otherwise.
 */
final class PlannerStatistics {

    private long analyzedAtMessages = -1;

    void refresh(Connection writer) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            long messages = messageCount(statement);
            if (analyzedAtMessages < 0 || messages >= 2 * analyzedAtMessages + 1_000) {
                statement.execute("PRAGMA analysis_limit = 1000");
                statement.execute("ANALYZE");
                analyzedAtMessages = messages;
            } else {
                statement.execute("PRAGMA optimize");
            }
        }
    }

    private static long messageCount(Statement statement) throws SQLException {
        try (ResultSet count = statement.executeQuery(
                "SELECT COALESCE(SUM(count), 0) FROM message_counts WHERE dimension = ''")) {
            return count.next() ? count.getLong(1) : 0;
        }
    }
}
