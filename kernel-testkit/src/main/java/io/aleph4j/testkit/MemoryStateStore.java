package io.aleph4j.testkit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.AddressStats;
import io.aleph4j.api.state.AddressStatsCursor;
import io.aleph4j.api.state.AddressStatsQuery;
import io.aleph4j.api.state.AggregateCursor;
import io.aleph4j.api.state.AggregateElement;
import io.aleph4j.api.state.AggregateFilter;
import io.aleph4j.api.state.AggregateRecord;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.FileTotals;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.NodeKind;
import io.aleph4j.api.state.NodeMetric;
import io.aleph4j.api.state.Page;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.PostRecord;
import io.aleph4j.api.state.PostView;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.api.state.StateTransaction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A {@link StateStore} held in memory, for tests: plugin authors' and the kernel's own, where a database would only
 * slow them down. It passes the testkit's {@link StateStoreContract} and answers every query the way the SQL stores
 * (state-sqlite, state-postgres) do, down to their quirks, so that what a test sees here it would see there.
 *
 * <p>Its state lives as long as the object: there is nothing to open or close, and "reopening" the store means
 * using the same instance again. Queries scan every row, which is fine for the thousands of messages a test makes
 * and wrong for a node's millions.
 *
 * <p>Concurrency: one write transaction at a time (a second {@link #begin()} while one is open is refused, as the
 * SQL stores refuse it). A transaction keeps its changes aside, so its own reads see them and nobody else's do;
 * its commit applies them under a write lock, and {@link #queries()} read under the matching read lock, so readers
 * on many threads see the state before a commit or after it, never half of one.
 */
public final class MemoryStateStore implements StateStore {

    private final String name;
    /** Guards the committed tables: readers share it, a commit or a reset takes it alone. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Tables committed = new Tables(null);
    private final StateQueries queries = new Reads(committed);
    /** Written under the write lock; volatile so that {@link #appliedInboxIndex()} needs no lock. */
    private volatile long appliedInboxIndex = -1;
    /** The open write transaction, if any; guarded by {@code this}. */
    private Transaction writing;

    /** An empty store named {@code state-memory}. */
    public MemoryStateStore() {
        this("state-memory");
    }

    /** An empty store with this name in logs and the registration summary. */
    public MemoryStateStore(String name) {
        this.name = Objects.requireNonNull(name, "name");
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
     * Opens the one write transaction.
     *
     * @throws IllegalStateException when a transaction is open already: the kernel closes each before the next
     */
    @Override
    public synchronized StateTransaction begin() {
        if (writing != null) {
            throw new IllegalStateException(name + " already has an open write transaction; close it first");
        }
        writing = new Transaction();
        return writing;
    }

    @Override
    public StateQueries queries() {
        return queries;
    }

    @Override
    public void reset() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            committed.clear();
            appliedInboxIndex = -1;
        } finally {
            write.unlock();
        }
    }

    private synchronized void ended(Transaction transaction) {
        if (writing == transaction) {
            writing = null;
        }
    }

    /** A write transaction: changes kept aside in an overlay of the committed tables until the commit. */
    private final class Transaction extends Reads implements StateTransaction {

        private boolean ended;

        Transaction() {
            super(new Tables(committed));
        }

        @Override
        public void putMessage(MessageRecord record) {
            requireOpen();
            tables.messages.put(record.itemHash(), storedForm(record));
        }

        @Override
        public void putPost(PostRecord post) {
            requireOpen();
            tables.posts.put(post.itemHash(), post);
        }

        @Override
        public void deletePost(ItemHash itemHash) {
            requireOpen();
            tables.posts.delete(itemHash);
        }

        /** Like the SQL stores' {@code UPDATE}: setting the latest amend of a post that is not there does nothing. */
        @Override
        public void setLatestAmend(ItemHash original, ItemHash latestAmend) {
            requireOpen();
            PostRecord post = read(() -> tables.posts.get(original));
            if (post != null) {
                tables.posts.put(original, post.toBuilder().latestAmend(latestAmend).build());
            }
        }

        @Override
        public void putAggregateElement(AggregateElement element) {
            requireOpen();
            tables.elements.put(element.itemHash(), element);
        }

        @Override
        public void deleteAggregateElement(ItemHash itemHash) {
            requireOpen();
            tables.elements.delete(itemHash);
        }

        @Override
        public void putAggregate(AggregateRecord aggregate) {
            requireOpen();
            tables.aggregates.put(new AggregateId(aggregate.owner(), aggregate.key()), aggregate);
        }

        @Override
        public void deleteAggregate(String owner, String key) {
            requireOpen();
            tables.aggregates.delete(new AggregateId(owner, key));
        }

        @Override
        public void putFileReference(FileReference reference) {
            requireOpen();
            tables.files.put(reference.messageHash(), reference);
        }

        @Override
        public void deleteFileReference(ItemHash storeMessageHash) {
            requireOpen();
            tables.files.delete(storeMessageHash);
        }

        @Override
        public void putNodeMetrics(ItemHash post, List<NodeMetric> metrics) {
            requireOpen();
            for (NodeMetric metric : metrics) {
                if (!metric.post().equals(post)) {
                    throw new IllegalArgumentException("a measurement of post " + metric.post()
                            + " cannot be kept as one of post " + post);
                }
            }
            tables.metrics.put(post, List.copyOf(metrics));
        }

        @Override
        public void deleteNodeMetrics(ItemHash post) {
            requireOpen();
            tables.metrics.delete(post);
        }

        @Override
        public void commit(long throughInboxIndex) {
            requireOpen();
            ended = true;
            try {
                Lock write = lock.writeLock();
                write.lock();
                try {
                    // Checked before anything is applied: a refused commit keeps nothing.
                    if (throughInboxIndex < appliedInboxIndex) {
                        throw new IllegalArgumentException("inbox index " + throughInboxIndex
                                + " is behind the applied index " + appliedInboxIndex);
                    }
                    tables.applyToBase();
                    appliedInboxIndex = throughInboxIndex;
                } finally {
                    write.unlock();
                }
            } finally {
                tables.clear();
                ended(this);
            }
        }

        @Override
        public void close() {
            if (!ended) {
                ended = true;
                tables.clear();
                ended(this);
            }
        }

        private void requireOpen() {
            if (ended) {
                throw new IllegalStateException("this transaction of " + name + " has ended already");
            }
        }
    }

    /**
     * The SQL stores keep {@code received_at} in microseconds; a record keeps here what it would read back there,
     * so that a test comparing records behaves the same on both.
     */
    private static MessageRecord storedForm(MessageRecord record) {
        Instant receivedAt = record.receivedAt();
        Instant micros = Instant.EPOCH.plus(ChronoUnit.MICROS.between(Instant.EPOCH, receivedAt), ChronoUnit.MICROS);
        return micros.equals(receivedAt) ? record : record.toBuilder().receivedAt(micros).build();
    }

    /** The queries, over the committed tables or a transaction's overlay of them. */
    private class Reads implements StateQueries {

        final Tables tables;

        Reads(Tables tables) {
            this.tables = tables;
        }

        /** Runs a read under the read lock, so that a commit or a reset on another thread is seen whole or not at all. */
        final <T> T read(Supplier<T> query) {
            Lock read = lock.readLock();
            read.lock();
            try {
                return query.get();
            } finally {
                read.unlock();
            }
        }

        @Override
        public Optional<MessageRecord> message(ItemHash itemHash) {
            return read(() -> Optional.ofNullable(tables.messages.get(itemHash)));
        }

        @Override
        public Page<MessageRecord> messages(MessageFilter filter, PageRequest page) {
            return read(() -> page(tables.messages.rows().filter(matching(filter))
                    .sorted(ordered(MESSAGE_ORDER, page.order())).toList(), page));
        }

        @Override
        public List<MessageRecord> messagesAfter(MessageFilter filter, Optional<MessageCursor> after, int limit,
                                                 SortOrder order) {
            requireLimit(limit);
            Predicate<MessageRecord> afterCursor = after.<Predicate<MessageRecord>>map(
                    cursor -> record -> isAfter(record.time(), record.itemHash(), cursor, order)).orElse(record -> true);
            return read(() -> tables.messages.rows().filter(matching(filter)).filter(afterCursor)
                    .sorted(ordered(MESSAGE_ORDER, order)).limit(limit).toList());
        }

        @Override
        public Page<MessageRecord> messagesByReception(MessageFilter filter, PageRequest page) {
            return read(() -> page(tables.messages.rows().filter(matching(filter))
                    .sorted(receptionOrder(page.order())).toList(), page));
        }

        @Override
        public List<String> channels(MessageFilter filter) {
            return read(() -> distinct(tables.messages.rows().filter(matching(filter)).map(MessageRecord::channel)));
        }

        @Override
        public List<String> postTypes(MessageFilter filter) {
            return read(() -> distinct(tables.messages.rows().filter(matching(filter))
                    .filter(record -> record.type() == MessageType.POST && record.content() != null)
                    .map(record -> record.content().type())));
        }

        @Override
        public Optional<PostRecord> post(ItemHash itemHash) {
            return read(() -> Optional.ofNullable(tables.posts.get(itemHash)));
        }

        @Override
        public List<PostRecord> amendsOf(ItemHash original) {
            return read(() -> tables.posts.rows().filter(post -> original.equals(post.amends()))
                    .sorted(POST_ORDER).toList());
        }

        @Override
        public Page<PostView> posts(PostFilter filter, PageRequest page) {
            return read(() -> page(tables.posts.rows().filter(matching(filter))
                    .sorted(ordered(POST_ORDER, page.order())).map(this::view).toList(), page));
        }

        @Override
        public List<PostView> postsAfter(PostFilter filter, Optional<MessageCursor> after, int limit,
                                         SortOrder order) {
            requireLimit(limit);
            Predicate<PostRecord> afterCursor = after.<Predicate<PostRecord>>map(
                    cursor -> post -> isAfter(post.time(), post.itemHash(), cursor, order)).orElse(post -> true);
            return read(() -> tables.posts.rows().filter(matching(filter)).filter(afterCursor)
                    .sorted(ordered(POST_ORDER, order)).limit(limit).map(this::view).toList());
        }

        /** An original with its latest amend; the original itself when that amend is not (or no longer) stored. */
        private PostView view(PostRecord original) {
            PostRecord amend = original.latestAmend() == null ? null : tables.posts.get(original.latestAmend());
            return new PostView(original, amend == null ? original : amend);
        }

        @Override
        public Optional<AggregateRecord> aggregate(String owner, String key) {
            return read(() -> Optional.ofNullable(tables.aggregates.get(new AggregateId(owner, key))));
        }

        @Override
        public List<AggregateRecord> aggregates(String owner, Collection<String> keys) {
            Set<String> wanted = Set.copyOf(keys);
            return read(() -> tables.aggregates.rows()
                    .filter(aggregate -> aggregate.owner().equals(owner))
                    .filter(aggregate -> wanted.isEmpty() || wanted.contains(aggregate.key()))
                    .sorted(Comparator.comparing(AggregateRecord::key)).toList());
        }

        @Override
        public Page<AggregateRecord> aggregates(AggregateFilter filter, PageRequest page) {
            return read(() -> page(tables.aggregates.rows().filter(filter::matches)
                    .sorted(aggregateOrder(filter, page.order())).toList(), page));
        }

        @Override
        public List<AggregateRecord> aggregatesAfter(AggregateFilter filter, Optional<AggregateCursor> after,
                                                     int limit, SortOrder order) {
            requireLimit(limit);
            Comparator<AggregateRecord> sorted = aggregateOrder(filter, order);
            Predicate<AggregateRecord> afterCursor = after.<Predicate<AggregateRecord>>map(cursor -> aggregate ->
                    compareToCursor(aggregate, cursor, filter, order) > 0).orElse(aggregate -> true);
            return read(() -> tables.aggregates.rows().filter(filter::matches).filter(afterCursor).sorted(sorted)
                    .limit(limit).toList());
        }

        @Override
        public List<AggregateRecord> securityAggregatesNaming(String grantee) {
            return read(() -> tables.aggregates.rows()
                    .filter(aggregate -> aggregate.key().equals(SECURITY_KEY))
                    .filter(aggregate -> granteesOf(aggregate.json()).contains(grantee))
                    .sorted(Comparator.comparing(AggregateRecord::owner, CODE_POINT_ORDER)).toList());
        }

        @Override
        public List<AggregateElement> aggregateElements(String owner, String key) {
            return read(() -> tables.elements.rows()
                    .filter(element -> element.owner().equals(owner) && element.key().equals(key))
                    .sorted(Comparator.comparingDouble(AggregateElement::time)
                            .thenComparing(element -> element.itemHash().value()))
                    .toList());
        }

        @Override
        public List<FileReference> fileReferences(ItemHash fileHash) {
            return read(() -> tables.files.rows().filter(reference -> reference.fileHash().equals(fileHash))
                    .sorted(FILE_ORDER).toList());
        }

        @Override
        public Optional<FileReference> latestFileReference(String owner, String ref) {
            if (ref == null) {
                return Optional.empty();
            }
            // The SQL stores' two lookups: an original STORE (no ref) by its hash or a version naming it, whoever
            // owns the version; or one owner's STOREs tagged with that text.
            Predicate<FileReference> candidate = owner == null
                    ? reference -> (reference.ref() == null && reference.messageHash().value().equals(ref))
                            || ref.equals(reference.ref())
                    : reference -> owner.equals(reference.owner()) && ref.equals(reference.ref());
            return read(() -> tables.files.rows().filter(candidate).max(FILE_ORDER));
        }

        @Override
        public Optional<FileReference> fileReference(ItemHash storeMessageHash) {
            return read(() -> Optional.ofNullable(tables.files.get(storeMessageHash)));
        }

        @Override
        public Page<FileReference> filesOf(String owner, Optional<ItemHash> fileHash, PageRequest page) {
            return read(() -> page(filesOf(owner, fileHash).sorted(filesOfOrder(page.order())).toList(),
                    page));
        }

        @Override
        public List<FileReference> filesOfAfter(String owner, Optional<ItemHash> fileHash,
                                                Optional<MessageCursor> after, int limit, SortOrder order) {
            requireLimit(limit);
            Comparator<FileReference> sorted = filesOfOrder(order);
            Predicate<FileReference> afterCursor = after.<Predicate<FileReference>>map(cursor -> reference -> {
                int compared = Double.compare(reference.time(), cursor.time());
                if (compared != 0) {
                    return order == SortOrder.ASCENDING ? compared > 0 : compared < 0;
                }
                return CODE_POINT_ORDER.compare(reference.messageHash().value(), cursor.itemHash().value()) > 0;
            }).orElse(reference -> true);
            return read(() -> filesOf(owner, fileHash).filter(afterCursor).sorted(sorted).limit(limit).toList());
        }

        private Stream<FileReference> filesOf(String owner, Optional<ItemHash> fileHash) {
            return tables.files.rows().filter(reference -> reference.owner().equals(owner))
                    .filter(reference -> fileHash.isEmpty() || reference.fileHash().equals(fileHash.get()));
        }

        @Override
        public FileTotals fileTotals(String owner) {
            return read(() -> {
                List<FileReference> owned = filesOf(owner, Optional.empty()).toList();
                return new FileTotals(owned.size(), owned.stream().mapToLong(FileReference::size).sum());
            });
        }

        @Override
        public List<NodeMetric> nodeMetrics(NodeKind kind, String nodeId, double fromSeconds, double toSeconds,
                                            SortOrder order) {
            requireBounds(fromSeconds, toSeconds);
            Comparator<NodeMetric> byTime = Comparator.comparingDouble(NodeMetric::measuredAt);
            // A stable sort: a post's measurements of one node at one time stay in the post's order.
            Comparator<NodeMetric> sorted = (order == SortOrder.ASCENDING ? byTime : byTime.reversed())
                    .thenComparing(metric -> metric.post().value(), CODE_POINT_ORDER);
            return read(() -> tables.metrics.rows().flatMap(List::stream)
                    .filter(metric -> metric.kind() == kind && metric.nodeId().equals(nodeId))
                    .filter(metric -> metric.measuredAt() >= fromSeconds && metric.measuredAt() <= toSeconds)
                    .sorted(sorted).toList());
        }

        @Override
        public Page<AddressStats> addressStats(AddressStatsQuery query, PageRequest page) {
            return read(() -> page(addressStats(query).stream()
                    .sorted(addressStatsOrder(query.sortBy(), page.order())).toList(), page));
        }

        @Override
        public List<AddressStats> addressStatsAfter(AddressStatsQuery query, Optional<AddressStatsCursor> after,
                                                    int limit, SortOrder order) {
            requireLimit(limit);
            Predicate<AddressStats> afterCursor = after.<Predicate<AddressStats>>map(cursor -> stats -> {
                long count = stats.count(query.sortBy());
                boolean further = order == SortOrder.ASCENDING ? count > cursor.count() : count < cursor.count();
                // Ties are ordered by address ascending in both orders.
                return further || (count == cursor.count() && stats.address().compareTo(cursor.address()) > 0);
            }).orElse(stats -> true);
            return read(() -> addressStats(query).stream().filter(afterCursor)
                    .sorted(addressStatsOrder(query.sortBy(), order)).limit(limit).toList());
        }

        /** Every matching sender's stats, unordered; processed messages only. */
        private List<AddressStats> addressStats(AddressStatsQuery query) {
            String contains = query.addressContains() == null || query.addressContains().isEmpty() ? null
                    : query.addressContains().toLowerCase(Locale.ROOT);
            Map<String, Map<MessageType, Long>> counts = new LinkedHashMap<>();
            tables.messages.rows()
                    .filter(record -> record.status() == MessageStatus.PROCESSED)
                    .filter(record -> query.addresses().isEmpty() || query.addresses().contains(record.sender()))
                    // Plain text, as the SQL stores escape LIKE's wildcards: '%' matches only a '%'.
                    .filter(record -> contains == null
                            || record.sender().toLowerCase(Locale.ROOT).contains(contains))
                    .forEach(record -> counts.computeIfAbsent(record.sender(), s -> new EnumMap<>(MessageType.class))
                            .merge(record.type(), 1L, Long::sum));
            return counts.entrySet().stream().map(entry -> new AddressStats(entry.getKey(), entry.getValue()))
                    .toList();
        }

        /** Tag filters read the messages' tags, as the SQL stores' tag table holds them (posts included). */
        private boolean hasAnyTag(ItemHash itemHash, Set<String> tags) {
            MessageRecord record = tables.messages.get(itemHash);
            return record != null && record.content() != null
                    && record.content().tags().stream().anyMatch(tags::contains);
        }

        private Predicate<MessageRecord> matching(MessageFilter filter) {
            return record -> {
                ContentFields content = record.content();
                return allows(filter.hashes(), record.itemHash())
                        && allows(filter.senders(), record.sender())
                        && allows(filter.owners(), content == null ? null : content.address())
                        && allows(filter.refs(), content == null ? null : content.ref())
                        && allows(filter.channels(), record.channel())
                        && allows(filter.contentTypes(), content == null ? null : content.type())
                        && allows(filter.contentKeys(), content == null ? null : content.key())
                        && allows(filter.types(), record.type())
                        && allows(filter.chains(), record.chain())
                        && allows(filter.contentHashes(), content == null ? null : content.itemHash())
                        && allows(filter.paymentTypes(), content == null ? null : content.paymentType())
                        && allows(filter.statuses(), record.status())
                        && within(record.time(), filter.startTime(), filter.endTime())
                        && filter.receivedFrom().map(from -> !record.receivedAt().isBefore(from)).orElse(true)
                        && filter.receivedBefore().map(before -> record.receivedAt().isBefore(before)).orElse(true)
                        && (filter.tags().isEmpty() || hasAnyTag(record.itemHash(), filter.tags()))
                        && (filter.volumeRefs().isEmpty() || (content != null
                                && content.volumeRefs().stream().anyMatch(filter.volumeRefs()::contains)));
            };
        }

        private Predicate<PostRecord> matching(PostFilter filter) {
            return post -> post.amends() == null
                    && allows(filter.hashes(), post.itemHash())
                    && allows(filter.owners(), post.owner())
                    && allows(filter.refs(), post.ref())
                    && allows(filter.types(), post.type())
                    && allows(filter.channels(), post.channel())
                    && within(post.time(), filter.startTime(), filter.endTime())
                    && (filter.tags().isEmpty() || hasAnyTag(post.itemHash(), filter.tags()));
        }
    }

    private static final Comparator<MessageRecord> MESSAGE_ORDER = Comparator.comparingDouble(MessageRecord::time)
            .thenComparing(record -> record.itemHash().value());
    private static final Comparator<PostRecord> POST_ORDER = Comparator.comparingDouble(PostRecord::time)
            .thenComparing(post -> post.itemHash().value());
    private static final Comparator<FileReference> FILE_ORDER = Comparator.comparingDouble(FileReference::time)
            .thenComparing(reference -> reference.messageHash().value());

    private static final String SECURITY_KEY = "security";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Strings in code-point order, as the SQL stores sort text (SQLite's binary collation, PostgreSQL's "C"): not
     * {@link String#compareTo}, which orders UTF-16 units and so puts U+1F600 before U+FFFD.
     */
    static final Comparator<String> CODE_POINT_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int left = a.codePointAt(i);
            int right = b.codePointAt(j);
            if (left != right) {
                return Integer.compare(left, right);
            }
            i += Character.charCount(left);
            j += Character.charCount(right);
        }
        return Boolean.compare(i < a.length(), j < b.length());
    };

    /** Reception time in {@code order}, ties by item hash ascending in both orders. */
    private static Comparator<MessageRecord> receptionOrder(SortOrder order) {
        Comparator<MessageRecord> byTime = Comparator.comparing(MessageRecord::receivedAt);
        return (order == SortOrder.ASCENDING ? byTime : byTime.reversed())
                .thenComparing(record -> record.itemHash().value(), CODE_POINT_ORDER);
    }

    /** A file reference's time in {@code order}, ties by message hash ascending in both orders. */
    private static Comparator<FileReference> filesOfOrder(SortOrder order) {
        Comparator<FileReference> byTime = Comparator.comparingDouble(FileReference::time);
        return (order == SortOrder.ASCENDING ? byTime : byTime.reversed())
                .thenComparing(reference -> reference.messageHash().value(), CODE_POINT_ORDER);
    }

    /** The filter's time in the order, ties by key then owner ascending in both orders. */
    private static Comparator<AggregateRecord> aggregateOrder(AggregateFilter filter, SortOrder order) {
        Comparator<AggregateRecord> byTime = Comparator.comparingDouble(filter.sort()::timeOf);
        return (order == SortOrder.ASCENDING ? byTime : byTime.reversed())
                .thenComparing(AggregateRecord::key, CODE_POINT_ORDER)
                .thenComparing(AggregateRecord::owner, CODE_POINT_ORDER);
    }

    /** Where {@code aggregate} stands relative to {@code cursor} in the listing's order: above 0 when after it. */
    private static int compareToCursor(AggregateRecord aggregate, AggregateCursor cursor, AggregateFilter filter,
                                       SortOrder order) {
        int compared = Double.compare(filter.sort().timeOf(aggregate), cursor.time());
        if (compared != 0) {
            return order == SortOrder.ASCENDING ? compared : -compared;
        }
        compared = CODE_POINT_ORDER.compare(aggregate.key(), cursor.key());
        return compared != 0 ? compared : CODE_POINT_ORDER.compare(aggregate.owner(), cursor.owner());
    }

    /**
     * The addresses a security aggregate's {@code authorizations} list names: the {@code address} text of each entry
     * that is an object. Anything else (no list, an entry that is no object, an address that is no text, JSON that
     * does not parse) names nobody, as in the SQL stores' index.
     */
    static Set<String> granteesOf(String json) {
        Set<String> grantees = new TreeSet<>(CODE_POINT_ORDER);
        try {
            JsonNode authorizations = JSON.readTree(json).path("authorizations");
            if (authorizations.isArray()) {
                for (JsonNode entry : authorizations) {
                    if (entry.isObject() && entry.path("address").isTextual()) {
                        grantees.add(entry.get("address").textValue());
                    }
                }
            }
        } catch (JacksonException e) {
            // Not JSON: no grantee.
        }
        return grantees;
    }

    /** The distinct non-null values, in code-point order. */
    private static List<String> distinct(Stream<String> values) {
        return values.filter(Objects::nonNull).distinct().sorted(CODE_POINT_ORDER).toList();
    }

    private static void requireBounds(double fromSeconds, double toSeconds) {
        if (Double.isNaN(fromSeconds) || Double.isNaN(toSeconds)) {
            throw new IllegalArgumentException("measurement time bounds must be numbers (infinities for none), not "
                    + fromSeconds + " and " + toSeconds);
        }
    }

    private static <T> Comparator<T> ordered(Comparator<T> ascending, SortOrder order) {
        return order == SortOrder.ASCENDING ? ascending : ascending.reversed();
    }

    private static Comparator<AddressStats> addressStatsOrder(AddressStatsQuery.SortBy sortBy, SortOrder order) {
        Comparator<AddressStats> byCount = Comparator.comparingLong(stats -> stats.count(sortBy));
        return (order == SortOrder.ASCENDING ? byCount : byCount.reversed()).thenComparing(AddressStats::address);
    }

    /** Whether a row at (time, hash) comes after the cursor in {@code order}. */
    private static boolean isAfter(double time, ItemHash hash, MessageCursor cursor, SortOrder order) {
        int compared = Double.compare(time, cursor.time());
        if (compared == 0) {
            compared = hash.value().compareTo(cursor.itemHash().value());
        }
        return order == SortOrder.ASCENDING ? compared > 0 : compared < 0;
    }

    /** An empty set allows every value; otherwise the value must be in it (a missing value never is). */
    private static <T> boolean allows(Set<T> values, T value) {
        return values.isEmpty() || (value != null && values.contains(value));
    }

    /** {@code start <= time < end}, a bound of 0 being none. */
    private static boolean within(double time, double start, double end) {
        return (start <= 0 || time >= start) && (end <= 0 || time < end);
    }

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, not " + limit);
        }
    }

    /** One page of sorted results, with the total of all of them. */
    private static <T> Page<T> page(List<T> sorted, PageRequest page) {
        if (page.perPage() == 0) {
            return new Page<>(sorted, sorted.size(), page);
        }
        long from = Math.min(page.offset(), sorted.size());
        long to = Math.min(from + page.perPage(), sorted.size());
        return new Page<>(sorted.subList((int) from, (int) to), sorted.size(), page);
    }

    /** An aggregate's key in its table. */
    private record AggregateId(String owner, String key) {
    }

    /** The six tables: the committed ones, or a transaction's changes over them. */
    private static final class Tables {
        final Table<ItemHash, MessageRecord> messages;
        final Table<ItemHash, PostRecord> posts;
        final Table<ItemHash, AggregateElement> elements;
        final Table<AggregateId, AggregateRecord> aggregates;
        final Table<ItemHash, FileReference> files;
        /** A scoring post's measurements, in the post's order. */
        final Table<ItemHash, List<NodeMetric>> metrics;

        /** The committed tables when {@code base} is null, else changes over {@code base}. */
        Tables(Tables base) {
            messages = new Table<>(base == null ? null : base.messages);
            posts = new Table<>(base == null ? null : base.posts);
            elements = new Table<>(base == null ? null : base.elements);
            aggregates = new Table<>(base == null ? null : base.aggregates);
            files = new Table<>(base == null ? null : base.files);
            metrics = new Table<>(base == null ? null : base.metrics);
        }

        void applyToBase() {
            messages.applyToBase();
            posts.applyToBase();
            elements.applyToBase();
            aggregates.applyToBase();
            files.applyToBase();
            metrics.applyToBase();
        }

        void clear() {
            messages.clear();
            posts.clear();
            elements.clear();
            aggregates.clear();
            files.clear();
            metrics.clear();
        }
    }

    /**
     * Rows by key. A committed table holds its rows; a transaction's table holds only its changes (null for a
     * deleted row) and reads the rest from its base, so a transaction costs what it changes, not what is stored.
     */
    private static final class Table<K, V> {
        private final Table<K, V> base;
        private final Map<K, V> rows = new HashMap<>();

        Table(Table<K, V> base) {
            this.base = base;
        }

        V get(K key) {
            return base != null && !rows.containsKey(key) ? base.get(key) : rows.get(key);
        }

        void put(K key, V value) {
            rows.put(key, Objects.requireNonNull(value, "value"));
        }

        void delete(K key) {
            if (base == null) {
                rows.remove(key);
            } else {
                rows.put(key, null);
            }
        }

        /** Every row, in no particular order; the stream must be consumed under the read lock. */
        Stream<V> rows() {
            if (base == null) {
                return rows.values().stream();
            }
            Stream<V> unchanged = base.rows.entrySet().stream().filter(entry -> !rows.containsKey(entry.getKey()))
                    .map(Map.Entry::getValue);
            return Stream.concat(unchanged, rows.values().stream().filter(Objects::nonNull));
        }

        void applyToBase() {
            rows.forEach((key, value) -> {
                if (value == null) {
                    base.rows.remove(key);
                } else {
                    base.rows.put(key, value);
                }
            });
        }

        void clear() {
            rows.clear();
        }
    }
}
