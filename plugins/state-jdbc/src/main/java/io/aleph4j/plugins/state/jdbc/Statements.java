package io.aleph4j.plugins.state.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Where SQL is prepared: the writer keeps its statements for the life of its connection (the pipeline runs
 * the same few thousand times a second); a pooled reader prepares per query and closes at once.
 */
sealed interface Statements {

    PreparedStatement prepare(String sql) throws SQLException;

    /** Called when a statement from {@link #prepare} is no longer used. */
    void release(PreparedStatement statement) throws SQLException;

    /** Prepares per use. */
    record PerUse(Connection connection) implements Statements {
        @Override
        public PreparedStatement prepare(String sql) throws SQLException {
            return connection.prepareStatement(sql);
        }

        @Override
        public void release(PreparedStatement statement) throws SQLException {
            statement.close();
        }
    }

    /** Prepares each SQL text once; not thread-safe (the writer is used by one thread at a time). */
    final class Cached implements Statements, AutoCloseable {
        private final Connection connection;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();

        Cached(Connection connection) {
            this.connection = connection;
        }

        @Override
        public PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = prepared.get(sql);
            if (statement == null) {
                statement = connection.prepareStatement(sql);
                prepared.put(sql, statement);
            }
            return statement;
        }

        @Override
        public void release(PreparedStatement statement) throws SQLException {
            statement.clearParameters();
        }

        @Override
        public void close() throws SQLException {
            for (PreparedStatement statement : prepared.values()) {
                statement.close();
            }
            prepared.clear();
        }
    }
}
