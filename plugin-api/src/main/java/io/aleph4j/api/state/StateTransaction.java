package io.aleph4j.api.state;

import io.aleph4j.api.Experimental;
import io.aleph4j.api.message.ItemHash;
import java.util.List;

/**
 * Changes to the state, all committed together with the inbox index they bring the state to, or not at all. Reads
 * through a transaction see its own uncommitted changes. Used by one thread.
 */
public interface StateTransaction extends StateQueries, AutoCloseable {

    /** Inserts or replaces the message with the record's item hash. */
    void putMessage(MessageRecord record);

    void putPost(PostRecord post);

    void deletePost(ItemHash itemHash);

    /** Sets (or clears, with null) the latest amend of an original post. */
    void setLatestAmend(ItemHash original, ItemHash latestAmend);

    void putAggregateElement(AggregateElement element);

    void deleteAggregateElement(ItemHash itemHash);

    /** Inserts or replaces the aggregate (owner, key). */
    void putAggregate(AggregateRecord aggregate);

    void deleteAggregate(String owner, String key);

    void putFileReference(FileReference reference);

    void deleteFileReference(ItemHash storeMessageHash);

    /** Keeps the measurements a scoring POST carried; {@code post} is each one's {@link NodeMetric#post()}. */
    @Experimental("shaped by the scoring metrics the reference keeps; may move with the peers work")
    void putNodeMetrics(ItemHash post, List<NodeMetric> metrics);

    /** Drops the measurements a POST carried (it was forgotten). */
    @Experimental("shaped by the scoring metrics the reference keeps; may move with the peers work")
    void deleteNodeMetrics(ItemHash post);

    /**
     * Commits every change made through this transaction, with {@code throughInboxIndex} as the store's new
     * {@link StateStore#appliedInboxIndex()}. When it throws, nothing was kept.
     *
     * @param throughInboxIndex the inbox index the state now covers; not lower than the current one
     * @throws IllegalStateException when this transaction was committed or closed already
     */
    void commit(long throughInboxIndex);

    /** Ends the transaction; the changes of one that was not committed are dropped. Idempotent. */
    @Override
    void close();
}
