package io.aleph4j.plugins.state.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What {@link Migrations} fills after a version's SQL, from the JSON older versions stored. */
final class Backfills {

    private Backfills() {
    }

    /**
     * Version 5: {@code security_grantees} from the security aggregates, and the volume refs of the PROGRAM and
     * INSTANCE messages whose content is still stored. Both are read whole before anything is written (there are few
     * of them), so that no result is read while its table changes.
     */
    static void listingsOfVersion5(Connection connection) throws SQLException {
        List<Map.Entry<String, String>> security = read(connection,
                "SELECT owner, content_json FROM aggregates WHERE key = '" + SqlWrites.SECURITY_KEY + "'");
        try (PreparedStatement insert = connection.prepareStatement(SqlWrites.INSERT_GRANTEE)) {
            for (Map.Entry<String, String> aggregate : security) {
                for (String grantee : JsonFields.grantees(aggregate.getValue())) {
                    insert.setString(1, aggregate.getKey());
                    insert.setString(2, grantee);
                    insert.addBatch();
                }
            }
            insert.executeBatch();
        }

        List<Map.Entry<String, String>> workloads = read(connection, "SELECT item_hash, "
                + "CASE WHEN content_json = '" + Rows.CONTENT_IS_ITEM_CONTENT + "' THEN item_content "
                + "ELSE content_json END "
                + "FROM messages WHERE type IN ('PROGRAM', 'INSTANCE') AND content_json IS NOT NULL");
        try (PreparedStatement update = connection.prepareStatement(
                     "UPDATE messages SET volume_refs = ? WHERE item_hash = ?");
             PreparedStatement insert = connection.prepareStatement(SqlWrites.INSERT_VOLUME_REF)) {
            for (Map.Entry<String, String> workload : workloads) {
                List<String> refs = JsonFields.volumeRefs(workload.getValue());
                if (refs.isEmpty()) {
                    continue;
                }
                update.setString(1, Rows.join(refs));
                update.setString(2, workload.getKey());
                update.addBatch();
                for (String ref : refs) {
                    insert.setString(1, workload.getKey());
                    insert.setString(2, ref);
                    insert.addBatch();
                }
            }
            update.executeBatch();
            insert.executeBatch();
        }
    }

    /** Two text columns of every row {@code sql} selects. */
    private static List<Map.Entry<String, String>> read(Connection connection, String sql) throws SQLException {
        List<Map.Entry<String, String>> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql); ResultSet result = select.executeQuery()) {
            while (result.next()) {
                rows.add(Map.entry(result.getString(1), result.getString(2)));
            }
        }
        return rows;
    }
}
