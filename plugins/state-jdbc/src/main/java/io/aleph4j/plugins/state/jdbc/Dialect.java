package io.aleph4j.plugins.state.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What SQLite and PostgreSQL spell differently in the queries: only how text is ordered by code point. SQLite
 * compares text by its bytes (the BINARY collation, UTF-8: code-point order) unless told otherwise; PostgreSQL uses
 * the database's collation, usually a language's ({@code en_US.UTF-8}: "a" before "B"), unless an expression says
 * {@code COLLATE "C"}.
 */
enum Dialect {
    SQLITE(""),
    POSTGRESQL(" COLLATE \"C\"");

    private final String codePointCollation;

    Dialect(String codePointCollation) {
        this.codePointCollation = codePointCollation;
    }

    /** {@code expression}, compared and sorted by code point whatever the database's collation. */
    String byCodePoint(String expression) {
        return expression + codePointCollation;
    }

    /** How the name of a migration only this dialect's databases run ends ({@link Migrations}). */
    String migrationSuffix() {
        return "." + name().toLowerCase(Locale.ROOT) + ".sql";
    }

    /** The dialect a migration file is a variant for; empty for a portable one. */
    static Optional<Dialect> ofMigration(String fileName) {
        return Arrays.stream(values()).filter(dialect -> fileName.endsWith(dialect.migrationSuffix())).findFirst();
    }

    /** The dialect of the database {@code connection} is open on. */
    static Dialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName();
        String lower = product.toLowerCase(Locale.ROOT);
        if (lower.contains("sqlite")) {
            return SQLITE;
        }
        if (lower.contains("postgres")) {
            return POSTGRESQL;
        }
        throw new SQLException("state-jdbc runs on SQLite and PostgreSQL, not on " + product);
    }
}
