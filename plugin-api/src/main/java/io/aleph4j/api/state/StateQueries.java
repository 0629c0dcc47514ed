package io.aleph4j.api.state;

import io.aleph4j.api.Experimental;
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

    /**
     * Messages matching {@code filter} sorted by reception time ({@link MessageRecord#receivedAt()}) in
     * {@code page}'s order, ties by item hash ascending in both orders: the order in which a node received them,
     * which is how peers compare what they hold.
     */
    Page<MessageRecord> messagesByReception(MessageFilter filter, PageRequest page);

    /** The distinct channels of the messages matching {@code filter}, in code-point order; no null. */
    List<String> channels(MessageFilter filter);

    /** The distinct {@code content.type}s of the POST messages matching {@code filter}, in code-point order. */
    List<String> postTypes(MessageFilter filter);

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

    /**
     * The aggregates matching {@code filter}, sorted by its time in {@code page}'s order, ties by key then owner
     * ascending; one page of them.
     */
    Page<AggregateRecord> aggregates(AggregateFilter filter, PageRequest page);

    /**
     * Up to {@code limit} aggregates matching {@code filter} that come after {@code after} in the order of
     * {@link #aggregates(AggregateFilter, PageRequest)} with {@code order}, from the first when empty: cursor
     * pagination.
     */
    List<AggregateRecord> aggregatesAfter(AggregateFilter filter, Optional<AggregateCursor> after, int limit,
                                          SortOrder order);

    /**
     * The {@code security} aggregates whose {@code authorizations} list an entry (an object) whose {@code address}
     * is {@code grantee}, compared exactly; by owner, in code-point order. Who has delegated to {@code grantee}.
     */
    List<AggregateRecord> securityAggregatesNaming(String grantee);

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
     * The file references of {@code owner}'s processed STORE messages (of {@code fileHash} only, when given), sorted
     * by the STORE content's time in {@code page}'s order, ties by message hash ascending; one page of them.
     */
    Page<FileReference> filesOf(String owner, Optional<ItemHash> fileHash, PageRequest page);

    /**
     * Up to {@code limit} of {@link #filesOf}'s references after {@code after} (a STORE's content time and message
     * hash) in {@code order}, from the first when empty: cursor pagination.
     */
    List<FileReference> filesOfAfter(String owner, Optional<ItemHash> fileHash, Optional<MessageCursor> after,
                                     int limit, SortOrder order);

    /** How many file references {@code owner}'s processed STOREs make, and their total size. */
    FileTotals fileTotals(String owner);

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

    /**
     * A node's scoring measurements of one kind measured between {@code fromSeconds} and {@code toSeconds} (both
     * inclusive; infinities for open bounds), sorted by measurement time in {@code order}, ties by post hash.
     */
    @Experimental("shaped by the scoring metrics the reference keeps; may move with the peers work")
    List<NodeMetric> nodeMetrics(NodeKind kind, String nodeId, double fromSeconds, double toSeconds,
                                 SortOrder order);
}
