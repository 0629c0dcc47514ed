package io.aleph4j.api.state;

import io.aleph4j.api.message.ItemHash;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The reads a state store answers: the HTTP API's queries and the pipeline's checks. */
public interface StateQueries {

    /** A message in any status, or empty when the store has never seen it. */
    Optional<MessageRecord> message(ItemHash itemHash);

    /** Messages matching {@code filter}, sorted by message time then item hash, one page of them. */
    Page<MessageRecord> messages(MessageFilter filter, PageRequest page);

    /**
     * Up to {@code limit} messages matching {@code filter} that come after {@code after} in {@code order} (from the
     * first one when empty): cursor pagination, which counts nothing and skips nothing, so its cost does not grow
     * with the page number.
     */
    List<MessageRecord> messagesAfter(MessageFilter filter, Optional<MessageCursor> after, int limit,
                                      SortOrder order);

    /** One post row (original or amend) by its item hash, or empty. */
    Optional<PostRecord> post(ItemHash itemHash);

    /** The amends of an original post, oldest first. */
    List<PostRecord> amendsOf(ItemHash original);

    /** Original posts matching {@code filter}, each with its latest amend resolved, sorted by original time. */
    Page<PostView> posts(PostFilter filter, PageRequest page);

    /**
     * Up to {@code limit} original posts matching {@code filter} after {@code after} (an original's time and hash)
     * in {@code order}, from the first when empty: cursor pagination, counting nothing.
     */
    List<PostView> postsAfter(PostFilter filter, Optional<MessageCursor> after, int limit, SortOrder order);

    /** One aggregate, or empty. */
    Optional<AggregateRecord> aggregate(String owner, String key);

    /** An owner's aggregates with the given keys (all its aggregates when {@code keys} is empty), by key. */
    List<AggregateRecord> aggregates(String owner, Collection<String> keys);

    /** The elements of one aggregate, oldest first (ties by item hash). */
    List<AggregateElement> aggregateElements(String owner, String key);

    /** The file references of processed STORE messages for one file, oldest first. */
    List<FileReference> fileReferences(ItemHash fileHash);

    /**
     * The newest file reference (by time, then message hash) a STORE made for a ref, as the reference node's file
     * tags resolve it: with {@code owner} null, {@code ref} is the hash of an original STORE (one without a ref) and
     * the candidates are that message and the versions referring to it; otherwise the candidates are {@code owner}'s STOREs whose
     * {@code ref} is that text.
     */
    Optional<FileReference> latestFileReference(String owner, String ref);

    /** The file reference a STORE message made, or empty. */
    Optional<FileReference> fileReference(ItemHash storeMessageHash);

    /**
     * Processed messages counted per sender and type, one page of senders, sorted by {@code query}'s count in
     * {@code page}'s order, then by address.
     */
    Page<AddressStats> addressStats(AddressStatsQuery query, PageRequest page);

    /**
     * Up to {@code limit} senders' stats after {@code after} in the order of {@link #addressStats} (the query's
     * count in {@code order}, then address ascending), from the first when empty: cursor pagination.
     */
    List<AddressStats> addressStatsAfter(AddressStatsQuery query, Optional<AddressStatsCursor> after, int limit,
                                         SortOrder order);
}
