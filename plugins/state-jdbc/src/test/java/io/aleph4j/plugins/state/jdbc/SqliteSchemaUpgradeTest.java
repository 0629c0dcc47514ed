package io.aleph4j.plugins.state.jdbc;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

final class SqliteSchemaUpgradeTest extends SchemaUpgradeContract {

    @TempDir
    Path directory;

    @Override
    protected DataSource database() {
        SQLiteDataSource source = new SQLiteDataSource();
        source.setUrl("jdbc:sqlite:" + directory.resolve("state.db"));
        return source;
    }
}
