package io.aleph4j.api.storage;

import io.aleph4j.api.message.ItemHash;

/**
 * Changes to the state, all committed together or not at all. Reads through a transaction see its own
 * uncommitted changes.
 */
public interface StateTransaction extends StateQueries {

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
}
