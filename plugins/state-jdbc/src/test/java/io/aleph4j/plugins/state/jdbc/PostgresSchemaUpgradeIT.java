package io.aleph4j.plugins.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.aleph4j.testkit.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

final class PostgresSchemaUpgradeIT extends SchemaUpgradeContract {

    @Override
    protected DataSource database() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(PostgresServer.shared().createDatabase());
        source.setUser(PostgresServer.USER);
        return source;
    }

    /** Autovacuum visits an insert-only table after a fixed number of inserts, while its new pages are buffered. */
    @Test
    void theTablesEveryMessageInsertsIntoAreVacuumedAfterAFixedNumberOfInsertsNotAFifthOfTheTable() throws Exception {
        try (Connection connection = database().getConnection()) {
            Migrations.apply(connection);
            Map<String, List<String>> options = new HashMap<>();
            try (Statement select = connection.createStatement();
                 ResultSet rows = select.executeQuery("SELECT relname, reloptions FROM pg_class "
                         + "WHERE relname IN ('messages', 'message_tags', 'posts') AND relkind = 'r'")) {
                while (rows.next()) {
                    options.put(rows.getString(1), List.of((String[]) rows.getArray(2).getArray()));
                }
            }
            assertThat(options).containsOnlyKeys("messages", "message_tags", "posts");
            assertThat(options.values()).allSatisfy(table -> assertThat(table).contains(
                    "autovacuum_vacuum_insert_scale_factor=0", "autovacuum_vacuum_insert_threshold=100000"));
        }
    }
}
