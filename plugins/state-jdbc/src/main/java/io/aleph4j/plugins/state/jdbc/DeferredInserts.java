package io.aleph4j.plugins.state.jdbc;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes held until the transaction's next read, its next other write or its commit, then sent as one JDBC batch
 * per statement. Against PostgreSQL each statement executed alone is a round trip to the server (with
 * {@code reWriteBatchedInserts} a batch becomes multi-row inserts); SQLite, in process, gains less. Grouping by
 * statement reorders writes only between statements held together, and those each write a table of their own
 * (one held statement per table, no triggers or foreign keys between them), so the rows come out the same; any
 * other statement, and every read, sends what is held first.
 */
final class DeferredInserts {

    private final Map<String, List<SqlReads.Binder>> rows = new LinkedHashMap<>();
    private int size;

    void add(String sql, SqlReads.Binder binder) {
        rows.computeIfAbsent(sql, ignored -> new ArrayList<>()).add(binder);
        size++;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Sends every held insert, statement by statement in the order each was first used; then holds none. */
    void flush(Statements statements) throws SQLException {
        if (size == 0) {
            return;
        }
        try {
            for (Map.Entry<String, List<SqlReads.Binder>> statementRows : rows.entrySet()) {
                PreparedStatement statement = statements.prepare(statementRows.getKey());
                try {
                    for (SqlReads.Binder binder : statementRows.getValue()) {
                        binder.bind(statement);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                } finally {
                    statement.clearBatch();
                    statements.release(statement);
                }
            }
        } finally {
            rows.clear();
            size = 0;
        }
    }
}
