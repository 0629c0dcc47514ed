package io.aleph4j.plugins.state.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On a real SQLite file with the two tables the statistics depend on (messages and its time index, the counts). */
final class PlannerStatisticsTest {

    @TempDir
    Path directory;
    private Connection writer;
    private int stored;

    @BeforeEach
    void open() throws SQLException {
        writer = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("state.db"));
        try (Statement statement = writer.createStatement()) {
            statement.execute("CREATE TABLE messages (item_hash TEXT PRIMARY KEY, time DOUBLE PRECISION NOT NULL)");
            statement.execute("CREATE INDEX messages_time ON messages (time, item_hash)");
            statement.execute("CREATE TABLE message_counts (dimension TEXT NOT NULL, value TEXT NOT NULL, "
                    + "status TEXT NOT NULL, count BIGINT NOT NULL, PRIMARY KEY (dimension, value, status))");
        }
        writer.setAutoCommit(false);
    }

    @AfterEach
    void close() throws SQLException {
        writer.close();
    }

    @Test
    void aRestartedNodeDoesNotAnalyzeAgainUntilTheMessagesHaveDoubledSinceTheLastAnalysis() throws SQLException {
        store(2_000);
        new PlannerStatistics().refresh(writer);
        writer.commit();
        assertThat(analyzedRows()).as("the first refresh analyzes").isEqualTo(2_000);

        store(1_000);
        new PlannerStatistics().refresh(writer); // a restart: a new instance on the same database
        writer.commit();
        assertThat(analyzedRows()).as("3,000 is not twice 2,000 (+1,000): no new analysis").isEqualTo(2_000);

        store(2_000);
        new PlannerStatistics().refresh(writer);
        writer.commit();
        assertThat(analyzedRows()).as("5,000 is twice 2,000 + 1,000: analyzed again").isEqualTo(5_000);
    }

    private void store(int count) throws SQLException {
        try (PreparedStatement insert = writer.prepareStatement("INSERT INTO messages VALUES (?, ?)")) {
            for (int i = 0; i < count; i++, stored++) {
                insert.setString(1, "%064x".formatted(stored));
                insert.setDouble(2, stored);
                insert.executeUpdate();
            }
        }
        try (Statement statement = writer.createStatement()) {
            statement.execute("INSERT INTO message_counts VALUES ('', '', 'processed', " + stored + ") "
                    + "ON CONFLICT (dimension, value, status) DO UPDATE SET count = excluded.count");
        }
        writer.commit();
    }

    private long analyzedRows() throws SQLException {
        try (Statement statement = writer.createStatement();
             ResultSet stat = statement.executeQuery(
                     "SELECT stat FROM sqlite_stat1 WHERE tbl = 'messages' AND idx = 'messages_time'")) {
            return stat.next() ? Long.parseLong(stat.getString(1).split(" ")[0]) : -1;
        }
    }
}
