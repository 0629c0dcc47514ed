package io.aleph4j.plugins.state.jdbc;

import io.aleph4j.api.state.StateQueries;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.api.state.StateTransaction;
import io.aleph4j.plugins.support.KnownHashes;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;

/**
 * A {@link StateStore} over JDBC: one writer connection, used by the pipeline's single writing thread, and a
 * pool of reader connections for queries. The applied inbox index lives in the same database and is updated in
 * the same transaction as the state it covers.
 */
public final class JdbcStateStore implements StateStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(JdbcStateStore.class.getName());
    /** The smallest hash filter: 1.2 MiB, a million hashes before it grows. */
    private static final long MIN_KNOWN_HASHES = 1 << 20;
    private static final List<String> TABLES = List.of("messages", "message_tags", "message_volume_refs",
            "message_counts", "posts", "aggregate_elements", "aggregates", "security_grantees", "file_references",
            "node_metrics");

    /** Opens the database: the writer connection and the reader pool. */
    @FunctionalInterface
    public interface Connector {
        Connections open() throws SQLException;
    }

    /**
     * An open database.
     *
     * @param closeReaders closes the reader pool
     */
    public record Connections(Connection writer, DataSource readers, AutoCloseable closeReaders) {
    }

    /** The open database; null before {@link #open()} and after {@link #close()}. */
    private record Open(Connection writer, Statements.Cached writerStatements, DataSource readers,
                        AutoCloseable closeReaders, Dialect dialect) {
    }

    private final String name;
    private final Connector connector;
    private final StateQueries queries;
    private volatile Open open;
    private final CountCache counts = new CountCache();
    private final Housekeeping housekeeping;
    /** When the writer last ran the housekeeping; it runs once right after open. */
    private long housekeptAt = System.nanoTime() - Duration.ofDays(1).toNanos();
    private volatile long appliedInboxIndex = -1;
    /** The hashes of the stored messages (a Bloom filter); only used under this store's lock. */
    private KnownHashes knownHashes;
    /** The open write transaction, if any. */
    private SqlWrites writing;
    private final long smallestHashFilter;

    /**
     * Work the writer does between transactions, at most once per {@code every} (e.g. refreshing the planner's
     * statistics), in its own transaction.
     */
    public record Housekeeping(Duration every, Task task) {

        public static final Housekeeping NONE = new Housekeeping(Duration.ofDays(36_500), null);

        /** The work, on the writer connection; the store commits after it. */
        @FunctionalInterface
        public interface Task {
            void run(Connection writer) throws SQLException;
        }
    }

    /** A store that opens its database on {@link #open()}, which its plugin calls from its start. */
    public JdbcStateStore(String name, Connector connector) {
        this(name, connector, Housekeeping.NONE);
    }

    public JdbcStateStore(String name, Connector connector, Housekeeping housekeeping) {
        this(name, connector, housekeeping, MIN_KNOWN_HASHES);
    }

    /**
     * @param smallestHashFilter how many message hashes the smallest filter of stored hashes is sized for (it grows
     *                           with the store); tests pass a small one to see it grow
     */
    public JdbcStateStore(String name, Connector connector, Housekeeping housekeeping, long smallestHashFilter) {
        this.name = name;
        this.connector = connector;
        this.housekeeping = housekeeping;
        this.smallestHashFilter = smallestHashFilter;
        this.queries = pooledQueries();
    }

    /** Opens the database and migrates its schema. */
    public synchronized void open() {
        if (open != null) {
            return;
        }
        Connections connections;
        try {
            connections = connector.open();
        } catch (SQLException e) {
            throw new StoreException(name + " could not open its database", e);
        }
        Dialect dialect;
        try {
            dialect = Dialect.of(connections.writer());
            Migrations.apply(connections.writer());
            connections.writer().setAutoCommit(false);
            appliedInboxIndex = readAppliedIndex(connections.writer());
            knownHashes = readKnownHashes(connections.writer());
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connections);
            throw e instanceof SQLException sql ? new StoreException(name + " could not migrate its schema", sql)
                    : (RuntimeException) e;
        }
        open = new Open(connections.writer(), new Statements.Cached(connections.writer()), connections.readers(),
                connections.closeReaders(), dialect);
    }

    @Override
    public String extensionName() {
        return name;
    }

    @Override
    public long appliedInboxIndex() {
        return appliedInboxIndex;
    }

    /**
     * Opens the one write transaction on the writer connection. The kernel's applying thread is its only user;
     * a second transaction while one is open is a bug and refused.
     */
    @Override
    public synchronized StateTransaction begin() {
        Open db = requireOpen();
        if (writing != null) {
            throw new IllegalStateException(name + " already has an open write transaction; close it first");
        }
        writing = new SqlWrites(db.writerStatements(), db.dialect(), knownHashes, new SqlWrites.Ending() {
            @Override
            public void commit(SqlWrites transaction, long throughInboxIndex) {
                commitWrites(db, transaction, throughInboxIndex);
            }

            @Override
            public void abandon(SqlWrites transaction) {
                endWrites(transaction);
                rollback();
            }
        });
        return writing;
    }

    private synchronized void commitWrites(Open db, SqlWrites transaction, long throughInboxIndex) {
        if (throughInboxIndex < appliedInboxIndex) {
            throw new IllegalArgumentException("inbox index " + throughInboxIndex + " is behind the applied index "
                    + appliedInboxIndex);
        }
        try {
            transaction.writeCounts();
            transaction.setAppliedInboxIndex(throughInboxIndex);
            db.writer().commit();
            appliedInboxIndex = throughInboxIndex;
        } catch (SQLException e) {
            throw new StoreException("committing state through inbox index " + throughInboxIndex, e);
        }
        endWrites(transaction);
        houseKeep(db);
    }

    private synchronized void endWrites(SqlWrites transaction) {
        if (writing == transaction) {
            writing = null;
        }
    }

    private void houseKeep(Open db) {
        if (housekeeping.task() == null || System.nanoTime() - housekeptAt < housekeeping.every().toNanos()) {
            return;
        }
        housekeptAt = System.nanoTime();
        try {
            housekeeping.task().run(db.writer());
            db.writer().commit();
        } catch (SQLException e) {
            // Housekeeping only helps; the state is committed already. Tried again next period.
            rollback();
            LOG.log(System.Logger.Level.WARNING, name + " housekeeping failed: " + e.getMessage());
        }
    }

    @Override
    public StateQueries queries() {
        return queries;
    }

    @Override
    public synchronized void reset() {
        Open db = requireOpen();
        try (Statement statement = db.writer().createStatement()) {
            for (String table : TABLES) {
                statement.executeUpdate("DELETE FROM " + table);
            }
            statement.executeUpdate("UPDATE store_state SET applied_inbox_index = -1 WHERE id = 1");
            db.writer().commit();
            appliedInboxIndex = -1;
            knownHashes = new KnownHashes(smallestHashFilter);
        } catch (SQLException e) {
            rollback();
            throw new StoreException("resetting the state", e);
        }
    }

    @Override
    public synchronized void close() throws Exception {
        Open db = open;
        if (db == null) {
            return;
        }
        open = null;
        try {
            db.writerStatements().close();
            db.writer().close();
        } finally {
            db.closeReaders().close();
        }
    }

    private Open requireOpen() {
        Open db = open;
        if (db == null) {
            throw new IllegalStateException(name + " is not open: its plugin has not started, or has stopped");
        }
        return db;
    }

    private static void closeQuietly(Connections connections) {
        try {
            connections.writer().close();
            connections.closeReaders().close();
        } catch (Exception e) {
            // Reporting the failure to open matters more than this one.
        }
    }

    /**
     * A filter holding every stored message's hash, sized for twice what is stored (it grows by itself from there);
     * one scan of the item hash key at opening (about a second per million messages on SQLite).
     */
    private KnownHashes readKnownHashes(Connection writer) throws SQLException {
        long started = System.nanoTime();
        long stored = storedMessages(writer);
        try (Statement statement = writer.createStatement()) {
            KnownHashes known = KnownHashes.forStored(stored, smallestHashFilter);
            // Streamed, not held whole: PostgreSQL's driver streams a result only with a fetch size (and no
            // autocommit, which the writer has).
            statement.setFetchSize(10_000);
            try (ResultSet rows = statement.executeQuery("SELECT item_hash FROM messages")) {
                while (rows.next()) {
                    known.add(rows.getString(1));
                }
            }
            writer.commit();
            LOG.log(System.Logger.Level.DEBUG, () -> name + " read " + stored + " message hashes in "
                    + (System.nanoTime() - started) / 1_000_000 + " ms");
            return known;
        }
    }

    /**
     * How many messages the database holds, in any status: a sum over the few {@code message_counts} rows the
     * pipeline keeps in each transaction, where a COUNT(*) would scan every message (on PostgreSQL).
     */
    public static long storedMessages(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery(
                     "SELECT COALESCE(SUM(count), 0) FROM message_counts WHERE dimension = ''")) {
            return count.next() ? count.getLong(1) : 0;
        }
    }

    private static long readAppliedIndex(Connection writer) throws SQLException {
        try (Statement statement = writer.createStatement();
             ResultSet rows = statement.executeQuery("SELECT applied_inbox_index FROM store_state WHERE id = 1")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private void rollback() {
        try {
            requireOpen().writer().rollback();
        } catch (SQLException e) {
            // The original failure is the one worth reporting; the connection is unusable either way.
        }
    }

    /**
     * Queries that borrow a reader connection for each call. A proxy keeps this to one place instead of a
     * try-with-resources in each of the query methods.
     */
    private StateQueries pooledQueries() {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(this, arguments);
            }
            Open db = requireOpen();
            try (Connection connection = db.readers().getConnection()) {
                return method.invoke(new SqlReads(new Statements.PerUse(connection), counts, db.dialect()), arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } catch (SQLException e) {
                throw new StoreException(name + " has no reader connection", e);
            }
        };
        return (StateQueries) Proxy.newProxyInstance(StateQueries.class.getClassLoader(),
                new Class<?>[] {StateQueries.class}, handler);
    }
}
