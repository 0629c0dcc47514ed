package io.aleph4j.plugins.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

final class MigrationsTest {

    @Test
    void aDatabaseRunsItsOwnVariantOfAVersionInsteadOfThePortableFileUnderTheSameDescription() {
        List<Migrations.Migration> sqlite = Migrations.known(Dialect.SQLITE);
        List<Migrations.Migration> postgres = Migrations.known(Dialect.POSTGRESQL);

        assertThat(sqlite).hasSameSizeAs(postgres).hasSizeGreaterThanOrEqualTo(6);
        assertThat(sqlite).extracting(Migrations.Migration::description)
                .containsExactlyElementsOf(postgres.stream().map(Migrations.Migration::description).toList());
        Migrations.Migration sqlite6 = sqlite.get(5);
        Migrations.Migration postgres6 = postgres.get(5);
        assertThat(sqlite6.description()).isEqualTo("hash and partial indexes");
        assertThat(sqlite6.statements()).as("SQLite has no hash indexes").isEmpty();
        assertThat(postgres6.statements()).anyMatch(sql -> sql.contains("USING hash (item_hash)"));
        assertThat(sqlite.subList(0, 5)).as("the versions without a variant")
                .isEqualTo(postgres.subList(0, 5));
    }
}
