package io.aleph4j.plugins.state.jdbc;

import io.aleph4j.testkit.PostgresServer;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

final class PostgresSchemaUpgradeIT extends SchemaUpgradeContract {

    @Override
    protected DataSource database() {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(PostgresServer.shared().createDatabase());
        source.setUser(PostgresServer.USER);
        return source;
    }
}
