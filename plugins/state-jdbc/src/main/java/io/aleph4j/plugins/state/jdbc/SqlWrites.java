package io.aleph4j.plugins.state.jdbc;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.StateTransaction;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The writes of one transaction on the writer connection; its reads (inherited) see them. Upserts use
 * {@code INSERT ... ON CONFLICT ... DO UPDATE}, which SQLite (3.24+) and PostgreSQL (9.5+) both run.
 */
final class SqlWrites extends SqlReads implements StateTransaction {

    private static final String UPSERT_MESSAGE = upsert("messages", Rows.MESSAGE_COLUMNS, "item_hash");
    private static final String INSERT_MESSAGE = "INSERT INTO messages (" + Rows.MESSAGE_COLUMNS + ") VALUES ("
            + "?, ".repeat(Rows.MESSAGE_COLUMNS.split(", ").length - 1) + "?) ON CONFLICT (item_hash) DO NOTHING";
    private static final String ADD_TO_COUNT = "INSERT INTO message_counts (dimension, value, status, count) "
            + "VALUES (?, ?, ?, ?) ON CONFLICT (dimension, value, status) "
            + "DO UPDATE SET count = message_counts.count + excluded.count";

    /** This transaction's changes to message_counts, written once at its end ({@link #writeCounts}). */
    private final Map<MessageCounts.Key, Long> countChanges = new HashMap<>();
    private static final String UPSERT_POST = upsert("posts", Rows.POST_COLUMNS, "item_hash");
    private static final String UPSERT_ELEMENT = upsert("aggregate_elements", Rows.ELEMENT_COLUMNS, "item_hash");
    private static final String UPSERT_AGGREGATE = upsert("aggregates", Rows.AGGREGATE_COLUMNS, "owner, key");
    private static final String UPSERT_FILE = upsert("file_references", Rows.FILE_COLUMNS, "message_hash");

    /** How a transaction ends, in the store that opened it. */
    interface Ending {

        /** Writes the counts and the applied index, then commits. */
        void commit(SqlWrites transaction, long throughInboxIndex);

        /** Rolls back what the transaction wrote. */
        void abandon(SqlWrites transaction);
    }

    private final KnownHashes known;
    private final Ending ending;
    private boolean ended;

    SqlWrites(Statements statements, KnownHashes known, Ending ending) {
        super(statements, null);
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
     * from its old values to the new ones.
     */
    @Override
    public void putMessage(MessageRecord record) {
        known.add(record.itemHash().value());
        boolean inserted = update("saving message " + record.itemHash(), INSERT_MESSAGE,
                statement -> Rows.bindMessage(statement, record)) == 1;
        if (!inserted) {
            message(record.itemHash()).ifPresent(old -> count(old, -1));
            update("saving message " + record.itemHash(), UPSERT_MESSAGE,
                    statement -> Rows.bindMessage(statement, record));
            update("saving tags of " + record.itemHash(), "DELETE FROM message_tags WHERE item_hash = ?",
                    statement -> statement.setString(1, record.itemHash().value()));
        }
        count(record, 1);
        if (record.content() != null) {
            for (String tag : record.content().tags()) {
                update("saving tags of " + record.itemHash(),
                        "INSERT INTO message_tags (item_hash, tag) VALUES (?, ?) ON CONFLICT DO NOTHING",
                        statement -> {
                            statement.setString(1, record.itemHash().value());
                            statement.setString(2, tag);
                        });
            }
        }
    }

    @Override
    public void putPost(PostRecord post) {
        update("saving post " + post.itemHash(), UPSERT_POST, statement -> Rows.bindPost(statement, post));
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
    }

    @Override
    public void deleteAggregate(String owner, String key) {
        update("deleting aggregate " + owner + "/" + key, "DELETE FROM aggregates WHERE owner = ? AND key = ?",
                statement -> {
                    statement.setString(1, owner);
                    statement.setString(2, key);
                });
    }

    @Override
    public void putFileReference(FileReference reference) {
        update("saving the file reference of " + reference.messageHash(), UPSERT_FILE, statement -> {
            statement.setString(1, reference.messageHash().value());
            statement.setString(2, reference.owner());
            statement.setString(3, reference.fileHash().value());
            statement.setString(4, reference.itemType().wireName());
            statement.setString(5, reference.ref());
            statement.setDouble(6, reference.time());
        });
    }

    @Override
    public void deleteFileReference(ItemHash storeMessageHash) {
        update("deleting the file reference of " + storeMessageHash,
                "DELETE FROM file_references WHERE message_hash = ?",
                statement -> statement.setString(1, storeMessageHash.value()));
    }

    /** Adds this transaction's count changes to message_counts; called once, before the commit. */
    void writeCounts() {
        for (Map.Entry<MessageCounts.Key, Long> change : countChanges.entrySet()) {
            if (change.getValue() != 0) {
                update("counting messages", ADD_TO_COUNT, statement -> {
                    statement.setString(1, change.getKey().dimension());
                    statement.setString(2, change.getKey().value());
                    statement.setString(3, change.getKey().status());
                    statement.setLong(4, change.getValue());
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

    private int update(String doing, String sql, Binder binder) {
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
        java.util.List<String> keyColumns = java.util.List.of(key.split(", "));
        StringBuilder updates = new StringBuilder();
        for (String column : columns.split(", ")) {
            if (!keyColumns.contains(column)) {
                updates.append(updates.isEmpty() ? "" : ", ").append(column).append(" = excluded.").append(column);
            }
        }
        return "INSERT INTO " + table + " (" + columns + ") VALUES (" + "?, ".repeat(columns.split(", ").length - 1)
                + "?) ON CONFLICT (" + key + ") DO UPDATE SET " + updates;
    }
}
