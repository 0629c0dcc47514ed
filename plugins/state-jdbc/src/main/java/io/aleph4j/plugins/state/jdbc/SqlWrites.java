package io.aleph4j.plugins.state.jdbc;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.StateTransaction;
import io.aleph4j.plugins.support.KnownHashes;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The writes of one transaction on the writer connection; its reads (inherited) see them. Upserts use
 * {@code INSERT ... ON CONFLICT ... DO UPDATE}, which SQLite (3.24+) and PostgreSQL (9.5+) both run.
 */
final class SqlWrites extends SqlReads implements StateTransaction {

    /**
     * Messages, posts and tags are inserted without ON CONFLICT: on PostgreSQL their item hashes are in hash indexes,
     * which cannot be unique (V6), so this writer reads before it replaces.
     */
    private static final String INSERT_MESSAGE = "INSERT INTO messages (" + Rows.MESSAGE_COLUMNS + ") VALUES ("
            + placeholders(Rows.MESSAGE_COLUMNS) + ")";
    private static final String UPDATE_MESSAGE = updateByItemHash("messages", Rows.MESSAGE_COLUMNS);
    /** The parameter of {@link #UPDATE_MESSAGE} that names the row: after every column's. */
    private static final int UPDATE_MESSAGE_HASH = columnCount(Rows.MESSAGE_COLUMNS) + 1;
    private static final String ADD_TO_COUNT = "INSERT INTO message_counts (dimension, value, status, count) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (dimension, value, status) "
            + "DO UPDATE SET count = message_counts.count + excluded.count";

    /** This transaction's changes to message_counts, written once at its end ({@link #writeCounts}). */
    private final Map<MessageCounts.Key, Long> countChanges = new HashMap<>();
    private static final String INSERT_POST = "INSERT INTO posts (" + Rows.POST_COLUMNS + ") VALUES ("
            + placeholders(Rows.POST_COLUMNS) + ")";
    private static final String UPDATE_POST = updateByItemHash("posts", Rows.POST_COLUMNS);
    private static final int UPDATE_POST_HASH = columnCount(Rows.POST_COLUMNS) + 1;
    private static final String UPSERT_ELEMENT = upsert("aggregate_elements", Rows.ELEMENT_COLUMNS, "item_hash");
    private static final String UPSERT_AGGREGATE = upsert("aggregates", Rows.AGGREGATE_COLUMNS, "owner, key");
    private static final String UPSERT_FILE = upsert("file_references", Rows.FILE_COLUMNS, "message_hash");
    private static final String INSERT_TAG = "INSERT INTO message_tags (item_hash, tag) VALUES (?, ?)";
    static final String INSERT_VOLUME_REF =
            "INSERT INTO message_volume_refs (item_hash, volume_ref) VALUES (?, ?) ON CONFLICT DO NOTHING";
    static final String INSERT_GRANTEE =
            "INSERT INTO security_grantees (owner, grantee) VALUES (?, ?) ON CONFLICT DO NOTHING";
    private static final String INSERT_NODE_METRIC = "INSERT INTO node_metrics (" + Rows.NODE_METRIC_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?)";
    /** The aggregate key whose authorizations {@code security_grantees} indexes. */
    static final String SECURITY_KEY = "security";

    /** How a transaction ends, in the store that opened it. */
    interface Ending {

        /** Writes the counts and the applied index, then commits. */
        void commit(SqlWrites transaction, long throughInboxIndex);

        /** Rolls back what the transaction wrote. */
        void abandon(SqlWrites transaction);
    }

    private final KnownHashes known;
    private final Ending ending;
    /**
     * New messages' rows, their tags and volume refs, posts and the count changes: at most one held statement per
     * table.
     */
    private final DeferredInserts deferred = new DeferredInserts();
    /**
     * Posts put since the last send, the last of each hash: sent as one batch of updates, then one of inserts for
     * those no row took (the upsert PostgreSQL's hash index cannot arbitrate).
     */
    private final Map<String, PostRecord> heldPosts = new LinkedHashMap<>();
    private boolean ended;

    SqlWrites(Statements statements, Dialect dialect, KnownHashes known, Ending ending) {
        super(statements, null, dialect);
        this.known = known;
        this.ending = ending;
    }

    @Override
    public void commit(long throughInboxIndex) {
        if (ended) {
            throw new IllegalStateException("this transaction has ended already");
        }
        ended = true;
        try {
            ending.commit(this, throughInboxIndex);
        } catch (RuntimeException | Error e) {
            ending.abandon(this);
            throw e;
        }
    }

    @Override
    public void close() {
        if (!ended) {
            ended = true;
            ending.abandon(this);
        }
    }

    /** Skips the lookup when the hash was certainly never stored: most messages the pipeline asks for are new. */
    @Override
    public Optional<MessageRecord> message(ItemHash itemHash) {
        return known.mightContain(itemHash.value()) ? super.message(itemHash) : Optional.empty();
    }

    /**
     * A new message is one insert; replacing one (a status change) first reads the old row, so that the counts move
     * from its old values to the new ones, and its volume refs are rewritten only when it had some.
     */
    @Override
    public void putMessage(MessageRecord record) {
        String hash = record.itemHash().value();
        // Read only when the hash may be stored: nearly every message the pipeline puts is certainly new.
        Optional<MessageRecord> old = known.mightContain(hash) ? message(record.itemHash()) : Optional.empty();
        if (old.isEmpty()) {
            // The insert can wait with its tags and volume refs.
            known.add(hash);
            deferred.add(INSERT_MESSAGE, statement -> Rows.bindMessage(statement, record));
            count(record, 1);
            if (record.content() != null) {
                deferPairs(INSERT_TAG, hash, distinct(record.content().tags()));
                deferPairs(INSERT_VOLUME_REF, hash, record.content().volumeRefs());
            }
            return;
        }
        MessageRecord previous = old.get();
        count(previous, -1);
        update("saving message " + record.itemHash(), UPDATE_MESSAGE, statement -> {
            Rows.bindMessage(statement, record);
            statement.setString(UPDATE_MESSAGE_HASH, hash);
        });
        if (previous.content() != null && !previous.content().tags().isEmpty()) {
            update("saving tags of " + record.itemHash(), "DELETE FROM message_tags WHERE item_hash = ?",
                    statement -> statement.setString(1, hash));
        }
        if (previous.content() != null && !previous.content().volumeRefs().isEmpty()) {
            update("saving volume refs of " + record.itemHash(),
                    "DELETE FROM message_volume_refs WHERE item_hash = ?",
                    statement -> statement.setString(1, hash));
        }
        count(record, 1);
        if (record.content() != null) {
            insertPairs("saving tags of " + record.itemHash(), INSERT_TAG, hash, distinct(record.content().tags()));
            insertPairs("saving volume refs of " + record.itemHash(), INSERT_VOLUME_REF, hash,
                    record.content().volumeRefs());
        }
    }

    /** A message's tags once each: message_tags has no unique key on PostgreSQL to drop a repeated one. */
    private static Collection<String> distinct(List<String> tags) {
        return new LinkedHashSet<>(tags);
    }

    private void deferPairs(String sql, String first, Collection<String> seconds) {
        for (String second : seconds) {
            deferred.add(sql, statement -> {
                statement.setString(1, first);
                statement.setString(2, second);
            });
        }
    }

    /** Inserts a row (first, second) for each of {@code seconds}. */
    private void insertPairs(String doing, String sql, String first, Collection<String> seconds) {
        for (String second : seconds) {
            update(doing, sql, statement -> {
                statement.setString(1, first);
                statement.setString(2, second);
            });
        }
    }

    @Override
    public void putPost(PostRecord post) {
        heldPosts.put(post.itemHash().value(), post);
    }

    @Override
    public void deletePost(ItemHash itemHash) {
        update("deleting post " + itemHash, "DELETE FROM posts WHERE item_hash = ?",
                statement -> statement.setString(1, itemHash.value()));
    }

    @Override
    public void setLatestAmend(ItemHash original, ItemHash latestAmend) {
        update("setting the latest amend of " + original, "UPDATE posts SET latest_amend = ? WHERE item_hash = ?",
                statement -> {
                    statement.setString(1, latestAmend == null ? null : latestAmend.value());
                    statement.setString(2, original.value());
                });
    }

    @Override
    public void putAggregateElement(AggregateElement element) {
        update("saving aggregate element " + element.itemHash(), UPSERT_ELEMENT, statement -> {
            statement.setString(1, element.itemHash().value());
            statement.setString(2, element.owner());
            statement.setString(3, element.key());
            statement.setString(4, element.json());
            statement.setDouble(5, element.time());
        });
    }

    @Override
    public void deleteAggregateElement(ItemHash itemHash) {
        update("deleting aggregate element " + itemHash, "DELETE FROM aggregate_elements WHERE item_hash = ?",
                statement -> statement.setString(1, itemHash.value()));
    }

    /** A security aggregate's grantees are indexed anew (security_grantees) with it. */
    @Override
    public void putAggregate(AggregateRecord aggregate) {
        update("saving aggregate " + aggregate.owner() + "/" + aggregate.key(), UPSERT_AGGREGATE, statement -> {
            statement.setString(1, aggregate.owner());
            statement.setString(2, aggregate.key());
            statement.setString(3, aggregate.json());
            statement.setDouble(4, aggregate.creationTime());
            statement.setString(5, aggregate.lastRevision().value());
            statement.setDouble(6, aggregate.lastRevisionTime());
        });
        if (aggregate.key().equals(SECURITY_KEY)) {
            deleteGrantees(aggregate.owner());
            insertPairs("indexing the security aggregate of " + aggregate.owner(), INSERT_GRANTEE, aggregate.owner(),
                    JsonFields.grantees(aggregate.json()));
        }
    }

    @Override
    public void deleteAggregate(String owner, String key) {
        update("deleting aggregate " + owner + "/" + key, "DELETE FROM aggregates WHERE owner = ? AND key = ?",
                statement -> {
                    statement.setString(1, owner);
                    statement.setString(2, key);
                });
        if (key.equals(SECURITY_KEY)) {
            deleteGrantees(owner);
        }
    }

    private void deleteGrantees(String owner) {
        update("indexing the security aggregate of " + owner, "DELETE FROM security_grantees WHERE owner = ?",
                statement -> statement.setString(1, owner));
    }

    @Override
    public void putFileReference(FileReference reference) {
        update("saving the file reference of " + reference.messageHash(), UPSERT_FILE,
                statement -> Rows.bindFile(statement, reference));
    }

    @Override
    public void deleteFileReference(ItemHash storeMessageHash) {
        update("deleting the file reference of " + storeMessageHash,
                "DELETE FROM file_references WHERE message_hash = ?",
                statement -> statement.setString(1, storeMessageHash.value()));
    }

    /** Replaces the measurements of {@code post}: putting a post's metrics again keeps only the new ones. */
    @Override
    public void putNodeMetrics(ItemHash post, List<NodeMetric> metrics) {
        for (NodeMetric metric : metrics) {
            if (!metric.post().equals(post)) {
                throw new IllegalArgumentException("a measurement of post " + metric.post()
                        + " cannot be kept as one of post " + post);
            }
        }
        deleteNodeMetrics(post);
        for (int i = 0; i < metrics.size(); i++) {
            NodeMetric metric = metrics.get(i);
            int listIndex = i;
            update("saving the node metrics of " + post, INSERT_NODE_METRIC,
                    statement -> Rows.bindNodeMetric(statement, metric, listIndex));
        }
    }

    @Override
    public void deleteNodeMetrics(ItemHash post) {
        update("deleting the node metrics of " + post, "DELETE FROM node_metrics WHERE post_hash = ?",
                statement -> statement.setString(1, post.value()));
    }

    /** Adds this transaction's count changes to message_counts; called once, before the commit. */
    void writeCounts() {
        for (Map.Entry<MessageCounts.Key, Long> change : countChanges.entrySet()) {
            if (change.getValue() != 0) {
                // A batch: a transaction of a thousand messages from a thousand senders moves ~1,100 counters.
                MessageCounts.Key key = change.getKey();
                long by = change.getValue();
                deferred.add(ADD_TO_COUNT, statement -> {
                    statement.setString(1, key.dimension());
                    statement.setString(2, key.value());
                    statement.setString(3, key.status());
                    statement.setLong(4, by);
                });
            }
        }
        countChanges.clear();
    }

    private void count(MessageRecord record, long change) {
        for (MessageCounts.Key key : MessageCounts.keysOf(record)) {
            countChanges.merge(key, change, Long::sum);
        }
    }

    void setAppliedInboxIndex(long index) {
        update("saving the applied inbox index", "UPDATE store_state SET applied_inbox_index = ? WHERE id = 1",
                statement -> statement.setLong(1, index));
    }

    /** Reads see this transaction's writes: what is held is sent first. */
    @Override
    <T> List<T> query(String sql, Binder binder, RowReader<T> reader) {
        sendDeferred();
        return super.query(sql, binder, reader);
    }

    private void sendDeferred() {
        if (!deferred.isEmpty() || !heldPosts.isEmpty()) {
            try {
                deferPostInserts();
                deferred.flush(statements);
            } catch (SQLException e) {
                throw new StoreException("saving a batch of new messages and posts", e);
            }
        }
    }

    /** Updates the held posts' rows in one batch and holds an insert for each post no row took. */
    private void deferPostInserts() throws SQLException {
        if (heldPosts.isEmpty()) {
            return;
        }
        List<PostRecord> posts = List.copyOf(heldPosts.values());
        heldPosts.clear();
        int[] updated;
        PreparedStatement statement = statements.prepare(UPDATE_POST);
        try {
            for (PostRecord post : posts) {
                Rows.bindPost(statement, post);
                statement.setString(UPDATE_POST_HASH, post.itemHash().value());
                statement.addBatch();
            }
            updated = statement.executeBatch();
        } finally {
            statement.clearBatch();
            statements.release(statement);
        }
        for (int i = 0; i < posts.size(); i++) {
            // A driver that cannot tell a statement's count (SUCCESS_NO_INFO) is not one state-jdbc runs on.
            if (updated[i] == 0) {
                PostRecord post = posts.get(i);
                deferred.add(INSERT_POST, insert -> Rows.bindPost(insert, post));
            }
        }
    }

    private int update(String doing, String sql, Binder binder) {
        sendDeferred();
        try {
            PreparedStatement statement = statements.prepare(sql);
            try {
                binder.bind(statement);
                return statement.executeUpdate();
            } finally {
                statements.release(statement);
            }
        } catch (SQLException e) {
            throw new StoreException(doing, e);
        }
    }

    private static String upsert(String table, String columns, String key) {
        List<String> keyColumns = List.of(key.split(", "));
        StringBuilder updates = new StringBuilder();
        for (String column : columns.split(", ")) {
            if (!keyColumns.contains(column)) {
                updates.append(updates.isEmpty() ? "" : ", ").append(column).append(" = excluded.").append(column);
            }
        }
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + placeholders(columns) + ") ON CONFLICT ("
                + key + ") DO UPDATE SET " + updates;
    }

    /** Sets every one of {@code columns} (parameters 1..n) of the row whose item_hash is parameter n + 1. */
    private static String updateByItemHash(String table, String columns) {
        StringBuilder sets = new StringBuilder();
        for (String column : columns.split(", ")) {
            sets.append(sets.isEmpty() ? "" : ", ").append(column).append(" = ?");
        }
        return "UPDATE " + table + " SET " + sets + " WHERE item_hash = ?";
    }

    private static String placeholders(String columns) {
        return "?, ".repeat(columnCount(columns) - 1) + "?";
    }

    private static int columnCount(String columns) {
        return columns.split(", ").length;
    }
}
