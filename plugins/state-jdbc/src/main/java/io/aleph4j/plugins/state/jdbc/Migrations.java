package io.aleph4j.plugins.state.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Versioned schema migrations: {@code migrations/V<n>__<what>.sql} next to this class, applied in order, each
 * in its own transaction together with its row in {@code schema_version}. A database whose version is newer
 * than this code knows is refused rather than touched.
 *
 * <p>The files are listed in {@code migrations/index}, because a plugin class loader cannot list a directory
 * inside a jar portably. A version is one portable file, or a portable file and a variant for one database,
 * {@code V<n>__<what>.postgresql.sql}, which that database runs instead (what the two spell or index differently).
 */
public final class Migrations {

    private static final String INDEX = "migrations/index";

    private Migrations() {
    }

    /**
     * Work a migration does beyond its SQL, in its transaction: filling what it adds from what older versions
     * stored, where that takes reading JSON, which SQLite and PostgreSQL spell differently.
     */
    @FunctionalInterface
    interface Backfill {
        void run(Connection connection) throws SQLException;
    }

    private static final Map<Integer, Backfill> BACKFILLS = Map.of(5, Backfills::listingsOfVersion5);

    /** Brings the schema up to date; returns the version it is at. */
    public static int apply(Connection connection) throws SQLException {
        return apply(connection, Integer.MAX_VALUE);
    }

    /** Brings the schema up to {@code throughVersion} at most (tests build the databases older versions made). */
    static int apply(Connection connection, int throughVersion) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                        + "description TEXT NOT NULL, applied_at BIGINT NOT NULL)");
            }
            connection.commit();
            int current = currentVersion(connection);
            List<Migration> known = known(Dialect.of(connection));
            if (current > known.size()) {
                throw new SQLException("the database schema is at version " + current
                        + " but this store knows versions up to " + known.size()
                        + ": it was written by a newer aleph4j");
            }
            int target = Math.min(throughVersion, known.size());
            for (Migration migration : known.subList(Math.min(current, target), target)) {
                try (Statement statement = connection.createStatement()) {
                    for (String sql : migration.statements()) {
                        statement.execute(sql);
                    }
                }
                Backfill backfill = BACKFILLS.get(migration.version());
                if (backfill != null) {
                    backfill.run(connection);
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    insert.setLong(3, System.currentTimeMillis());
                    insert.executeUpdate();
                }
                connection.commit();
            }
            return Math.max(current, target);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    static int currentVersion(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    record Migration(int version, String description, List<String> statements) {
    }

    /** The migrations as {@code dialect}'s databases run them. */
    static List<Migration> known(Dialect dialect) {
        List<Migration> migrations = new ArrayList<>();
        List<String> listed = listed();
        for (int version = 1; ; version++) {
            String text = read(version, dialect, listed);
            if (text == null) {
                return migrations;
            }
            migrations.add(new Migration(version, descriptionOf(text), statementsOf(text)));
        }
    }

    /**
     * Version {@code version}'s text among the {@code listed} files, headed by a comment naming its portable file;
     * null past the last.
     */
    private static String read(int version, Dialect dialect, List<String> listed) {
        String portable = null;
        String variant = null;
        for (String name : listed) {
            if (name.startsWith("V" + version + "__")) {
                if (name.endsWith(dialect.migrationSuffix())) {
                    variant = name;
                } else if (Dialect.ofMigration(name).isEmpty()) {
                    portable = name;
                }
            }
        }
        if (portable == null) {
            return null;
        }
        return "-- " + portable + "\n" + contentOf(variant == null ? portable : variant);
    }

    private static List<String> listed() {
        try (InputStream index = Migrations.class.getResourceAsStream(INDEX)) {
            if (index == null) {
                throw new IllegalStateException("state-jdbc is missing its migrations/index resource");
            }
            return new String(index.readAllBytes(), StandardCharsets.UTF_8).lines().map(String::strip)
                    .filter(name -> !name.isEmpty()).toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema migrations", e);
        }
    }

    private static String contentOf(String name) {
        try (InputStream file = Migrations.class.getResourceAsStream("migrations/" + name)) {
            if (file == null) {
                throw new IllegalStateException("migration " + name + " is listed but missing");
            }
            return new String(file.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the schema migration " + name, e);
        }
    }

    private static String descriptionOf(String text) {
        String firstLine = text.substring(3, text.indexOf('\n'));
        return firstLine.substring(firstLine.indexOf("__") + 2).replace(".sql", "").replace('_', ' ');
    }

    /** Splits on semicolons at line ends; the migration files keep one statement per such semicolon. */
    static List<String> statementsOf(String text) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String stripped = line.strip();
            if (stripped.startsWith("--") || stripped.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (stripped.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("a migration ends without a semicolon: " + current);
        }
        return statements;
    }
}
