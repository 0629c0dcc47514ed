package io.aleph4j.plugins.state.rocksdb;

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
import io.aleph4j.api.state.AggregateSort;
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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.LongSupplier;

/** The queries, over one {@link View}: a snapshot of the committed state, or a transaction's. */
class Reads implements StateQueries {

    /** Text in code-point order (UTF-16 order would put U+1F600 before U+FFFD); keys sort this way too. */
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

    /** Matches fewer than this are sorted whole to list them by reception time. */
    private static final long SORTABLE_MATCHES = 5_000;
    private static final String SECURITY_KEY = "security";

    private final View view;
    /** Totals reused across queries; null in a transaction, which must see its own writes. */
    private final ResultCache counts;

    Reads(View view, ResultCache counts) {
        this.view = view;
        this.counts = counts;
    }

    final View view() {
        return view;
    }

    // --- counters

    /** Counter changes not yet in the database (a transaction's); none for the committed state. */
    Map<Bytes, Long> pendingCounters() {
        return Map.of();
    }

    final long counter(byte[] key) {
        return Counters.decode(view.get(Column.COUNTERS, key)) + pendingCounters().getOrDefault(new Bytes(key), 0L);
    }

    /** Every counter whose key starts with {@code prefix}, pending changes included, in key order. */
    final Map<Bytes, Long> counters(byte[] prefix) {
        Map<Bytes, Long> found = new TreeMap<>();
        try (OrderedScan scan = OrderedScan.prefixed(view, Column.COUNTERS, prefix, false)) {
            while (scan.next()) {
                found.put(new Bytes(scan.key()), Counters.decode(scan.value()));
            }
        }
        pendingCounters().forEach((key, change) -> {
            if (KeyWriter.startsWith(key.value(), prefix)) {
                found.merge(key, change, Long::sum);
            }
        });
        found.values().removeIf(count -> count == 0);
        return found;
    }

    /** The sum of a dimension's counters for any of {@code values}, statuses and types (empty sets: any). */
    final long sumCounters(int dimension, Collection<String> values, Set<MessageStatus> statuses,
                           Set<MessageType> types) {
        long sum = 0;
        for (String value : values) {
            for (Map.Entry<Bytes, Long> counter : counters(Counters.prefix(dimension, value)).entrySet()) {
                if (Counters.allows(statuses, types, counter.getKey().value())) {
                    sum += counter.getValue();
                }
            }
        }
        return sum;
    }

    /** A count reused while it is fresh when it was expensive (committed state only). */
    private long total(Object key, LongSupplier compute) {
        return counts == null ? compute.getAsLong() : counts.count(key, compute);
    }

    // --- messages

    @Override
    public Optional<MessageRecord> message(ItemHash itemHash) {
        byte[] hash = Indexes.hashKey(itemHash.value());
        byte[] time = view.get(Column.MESSAGE_TIMES, hash);
        return time == null ? Optional.empty() : Optional.ofNullable(messageAt(MergedScan.concat(time, hash)));
    }

    /** The message at its key in {@link Column#MESSAGES}, or null. */
    final MessageRecord messageAt(byte[] key) {
        byte[] value = view.get(Column.MESSAGES, key);
        return value == null ? null : decodeMessage(key, value);
    }

    static MessageRecord decodeMessage(byte[] key, byte[] value) {
        KeyReader reader = new KeyReader(key);
        double time = reader.time();
        return Records.message(reader.hash(), time, value);
    }

    @Override
    public Page<MessageRecord> messages(MessageFilter filter, PageRequest page) {
        MessageSearch search = new MessageSearch(this, filter);
        List<MessageRecord> items = new ArrayList<>();
        long seen = 0;
        boolean exhausted = true;
        try (MessageSearch.Matches matches = search.matches(page.order() == SortOrder.DESCENDING, Optional.empty())) {
            while (matches.next()) {
                if (seen++ < page.offset()) {
                    continue;
                }
                items.add(matches.record());
                if (page.perPage() > 0 && items.size() == page.perPage()) {
                    exhausted = false;
                    break;
                }
            }
        }
        if (exhausted) {
            return new Page<>(items, seen, page);
        }
        return new Page<>(items, Math.max(messagesTotal(search, filter), page.offset() + items.size()), page);
    }

    private long messagesTotal(MessageSearch search, MessageFilter filter) {
        OptionalLong counted = search.countedTotal();
        return counted.isPresent() ? counted.getAsLong() : total(List.of("messages", filter), search::count);
    }

    @Override
    public List<MessageRecord> messagesAfter(MessageFilter filter, Optional<MessageCursor> after, int limit,
                                             SortOrder order) {
        requireLimit(limit);
        List<MessageRecord> items = new ArrayList<>();
        if (limit == 0) {
            return items;
        }
        try (MessageSearch.Matches matches = new MessageSearch(this, filter)
                .matches(order == SortOrder.DESCENDING, after)) {
            while (items.size() < limit && matches.next()) {
                items.add(matches.record());
            }
        }
        return items;
    }

    /**
     * In reception order: a search that finds few messages sorts them; otherwise the reception index is read in its
     * order, each entry checked against the filter (its status and type are in the entry).
     */
    @Override
    public Page<MessageRecord> messagesByReception(MessageFilter filter, PageRequest page) {
        MessageSearch search = new MessageSearch(this, filter);
        boolean descending = page.order() == SortOrder.DESCENDING;
        if (search.isNarrow(SORTABLE_MATCHES)) {
            List<MessageRecord> all = new ArrayList<>();
            try (MessageSearch.Matches matches = search.matches(false, Optional.empty())) {
                while (matches.next()) {
                    all.add(matches.record());
                }
            }
            Comparator<MessageRecord> byTime = Comparator.comparing(MessageRecord::receivedAt);
            all.sort((descending ? byTime.reversed() : byTime).thenComparing(record -> record.itemHash().value()));
            return slice(all, page);
        }
        byte[] low = filter.receivedFrom().map(from -> KeyWriter.key().number(MessageSearch.ceilingMicros(from))
                .build()).orElse(new byte[0]);
        byte[] high = filter.receivedBefore().map(before -> KeyWriter.key()
                .number(MessageSearch.ceilingMicros(before)).build()).orElse(null);
        List<MessageRecord> items = new ArrayList<>();
        long seen = 0;
        boolean exhausted = true;
        try (OrderedScan scan = new OrderedScan(view, Column.MESSAGES_BY_RECEPTION, low, high, descending, 8, null)) {
            while (scan.next()) {
                byte[] value = scan.value();
                if (!codesAllowed(filter, value[0] & 0xFF, value[1] & 0xFF)) {
                    continue;
                }
                byte[] key = MergedScan.concat(java.util.Arrays.copyOfRange(value, 2, 10),
                        java.util.Arrays.copyOfRange(scan.key(), 8, scan.key().length));
                MessageRecord record = messageAt(key);
                if (record == null || !search.matches(record)) {
                    continue;
                }
                if (seen++ < page.offset()) {
                    continue;
                }
                items.add(record);
                if (page.perPage() > 0 && items.size() == page.perPage()) {
                    exhausted = false;
                    break;
                }
            }
        }
        if (exhausted) {
            return new Page<>(items, seen, page);
        }
        return new Page<>(items, Math.max(messagesTotal(search, filter), page.offset() + items.size()), page);
    }

    private static boolean codesAllowed(MessageFilter filter, int status, int type) {
        return (filter.statuses().isEmpty() || filter.statuses().contains(Codes.STATUS.constant(status)))
                && (filter.types().isEmpty() || filter.types().contains(Codes.TYPE.constant(type)));
    }

    @Override
    public List<String> channels(MessageFilter filter) {
        MessageSearch search = new MessageSearch(this, filter);
        if (search.onlyStatusesAndTypes()) {
            return countedValues(Counters.CHANNEL, filter.statuses(), filter.types());
        }
        TreeSet<String> channels = new TreeSet<>(CODE_POINT_ORDER);
        try (MessageSearch.Matches matches = search.matches(false, Optional.empty())) {
            while (matches.next()) {
                if (matches.record().channel() != null) {
                    channels.add(matches.record().channel());
                }
            }
        }
        return List.copyOf(channels);
    }

    @Override
    public List<String> postTypes(MessageFilter filter) {
        if (!filter.types().isEmpty() && !filter.types().contains(MessageType.POST)) {
            return List.of();
        }
        MessageSearch search = new MessageSearch(this, filter);
        if (search.onlyStatusesAndTypes()) {
            return countedValues(Counters.CONTENT_TYPE, filter.statuses(), Set.of(MessageType.POST));
        }
        TreeSet<String> types = new TreeSet<>(CODE_POINT_ORDER);
        try (MessageSearch.Matches matches = search.matches(false, Optional.empty())) {
            while (matches.next()) {
                MessageRecord record = matches.record();
                if (record.type() == MessageType.POST && record.content() != null && record.content().type() != null) {
                    types.add(record.content().type());
                }
            }
        }
        return List.copyOf(types);
    }

    /** The values of a dimension with at least one message of the statuses and types, in code-point order. */
    private List<String> countedValues(int dimension, Set<MessageStatus> statuses, Set<MessageType> types) {
        List<String> values = new ArrayList<>();
        String last = null;
        for (Map.Entry<Bytes, Long> counter : counters(Counters.prefix(dimension)).entrySet()) {
            byte[] key = counter.getKey().value();
            if (counter.getValue() > 0 && Counters.allows(statuses, types, key)) {
                String value = new KeyReader(key, 1).text();
                if (!value.equals(last)) {
                    values.add(value);
                    last = value;
                }
            }
        }
        return values;
    }

    // --- posts

    @Override
    public Optional<PostRecord> post(ItemHash itemHash) {
        byte[] key = postKey(itemHash.value());
        return key == null ? Optional.empty() : Optional.ofNullable(postAt(key));
    }

    /**
     * Where the post with this hash would be in {@link Column#POSTS}: under its own time if it is listed apart from
     * its message ({@link Column#POST_TIMES}), else under its message's time; null if neither is stored.
     */
    final byte[] postKey(String itemHash) {
        byte[] hash = Indexes.hashKey(itemHash);
        byte[] time = view.get(Column.POST_TIMES, hash);
        if (time == null) {
            time = view.get(Column.MESSAGE_TIMES, hash);
        }
        return time == null ? null : MergedScan.concat(time, hash);
    }

    final PostRecord postAt(byte[] key) {
        byte[] value = view.get(Column.POSTS, key);
        if (value == null) {
            return null;
        }
        KeyReader reader = new KeyReader(key);
        double time = reader.time();
        return Records.post(reader.hash(), time, value);
    }

    @Override
    public List<PostRecord> amendsOf(ItemHash original) {
        List<PostRecord> amends = new ArrayList<>();
        byte[] prefix = KeyWriter.key().text(original.value()).build();
        try (OrderedScan scan = OrderedScan.prefixed(view, Column.AMENDS, prefix, false)) {
            while (scan.next()) {
                PostRecord amend = postAt(java.util.Arrays.copyOfRange(scan.key(), prefix.length, scan.key().length));
                if (amend != null) {
                    amends.add(amend);
                }
            }
        }
        return amends;
    }

    @Override
    public Page<PostView> posts(PostFilter filter, PageRequest page) {
        PostSearch search = new PostSearch(this, filter);
        List<PostView> items = new ArrayList<>();
        long seen = 0;
        boolean exhausted = true;
        try (PostSearch.Matches matches = search.matches(page.order() == SortOrder.DESCENDING, Optional.empty())) {
            while (matches.next()) {
                if (seen++ < page.offset()) {
                    continue;
                }
                items.add(view(matches.post()));
                if (page.perPage() > 0 && items.size() == page.perPage()) {
                    exhausted = false;
                    break;
                }
            }
        }
        if (exhausted) {
            return new Page<>(items, seen, page);
        }
        OptionalLong counted = search.countedTotal();
        long total = counted.isPresent() ? counted.getAsLong() : total(List.of("posts", filter), search::count);
        return new Page<>(items, Math.max(total, page.offset() + items.size()), page);
    }

    @Override
    public List<PostView> postsAfter(PostFilter filter, Optional<MessageCursor> after, int limit, SortOrder order) {
        requireLimit(limit);
        List<PostView> items = new ArrayList<>();
        if (limit == 0) {
            return items;
        }
        try (PostSearch.Matches matches = new PostSearch(this, filter).matches(order == SortOrder.DESCENDING, after)) {
            while (items.size() < limit && matches.next()) {
                items.add(view(matches.post()));
            }
        }
        return items;
    }

    /** An original with its latest amend; the original itself when that amend is not (or no longer) stored. */
    private PostView view(PostRecord original) {
        PostRecord amend = original.latestAmend() == null ? null : post(original.latestAmend()).orElse(null);
        return new PostView(original, amend == null ? original : amend);
    }

    // --- aggregates

    @Override
    public Optional<AggregateRecord> aggregate(String owner, String key) {
        byte[] value = view.get(Column.AGGREGATES, aggregateKey(owner, key));
        return value == null ? Optional.empty() : Optional.of(Records.aggregate(owner, key, value));
    }

    static byte[] aggregateKey(String owner, String key) {
        return KeyWriter.key().text(owner).text(key).build();
    }

    @Override
    public List<AggregateRecord> aggregates(String owner, Collection<String> keys) {
        Set<String> wanted = Set.copyOf(keys);
        List<AggregateRecord> found = new ArrayList<>();
        byte[] prefix = KeyWriter.key().text(owner).build();
        try (OrderedScan scan = OrderedScan.prefixed(view, Column.AGGREGATES, prefix, false)) {
            while (scan.next()) {
                String key = new KeyReader(scan.key(), prefix.length).text();
                if (wanted.isEmpty() || wanted.contains(key)) {
                    found.add(Records.aggregate(owner, key, scan.value()));
                }
            }
        }
        return found;
    }

    @Override
    public Page<AggregateRecord> aggregates(AggregateFilter filter, PageRequest page) {
        if (!filter.owners().isEmpty()) {
            return slice(ownedAggregates(filter, page.order()), page);
        }
        List<AggregateRecord> items = new ArrayList<>();
        long seen = 0;
        boolean exhausted = true;
        try (OrderedScan scan = aggregateScan(filter, page.order(), null)) {
            while (scan.next()) {
                AggregateRecord aggregate = listedAggregate(filter, scan.key());
                if (aggregate == null) {
                    continue;
                }
                if (seen++ < page.offset()) {
                    continue;
                }
                items.add(aggregate);
                if (page.perPage() > 0 && items.size() == page.perPage()) {
                    exhausted = false;
                    break;
                }
            }
        }
        if (exhausted) {
            return new Page<>(items, seen, page);
        }
        long total = filter.keys().isEmpty() ? counter(Counters.key(Counters.AGGREGATES, "", 0, 0))
                : sumCounters(Counters.AGGREGATE_KEY, filter.keys(), Set.of(), Set.of());
        return new Page<>(items, Math.max(total, page.offset() + items.size()), page);
    }

    @Override
    public List<AggregateRecord> aggregatesAfter(AggregateFilter filter, Optional<AggregateCursor> after, int limit,
                                                 SortOrder order) {
        requireLimit(limit);
        List<AggregateRecord> items = new ArrayList<>();
        if (limit == 0) {
            return items;
        }
        if (!filter.owners().isEmpty()) {
            Comparator<AggregateRecord> sorted = aggregateOrder(filter.sort(), order);
            for (AggregateRecord aggregate : ownedAggregates(filter, order)) {
                if (items.size() == limit) {
                    break;
                }
                if (after.isEmpty() || sorted.compare(aggregate, cursorAggregate(after.get())) > 0) {
                    items.add(aggregate);
                }
            }
            return items;
        }
        byte[] cursor = after.map(position -> KeyWriter.key().time(position.time()).text(position.key())
                .text(position.owner()).build()).orElse(null);
        try (OrderedScan scan = aggregateScan(filter, order, cursor)) {
            while (items.size() < limit && scan.next()) {
                AggregateRecord aggregate = listedAggregate(filter, scan.key());
                if (aggregate != null) {
                    items.add(aggregate);
                }
            }
        }
        return items;
    }

    /** A stand-in aggregate at a cursor's position, to compare listed ones with. */
    private static AggregateRecord cursorAggregate(AggregateCursor cursor) {
        return new AggregateRecord(cursor.owner(), cursor.key(), "{}", cursor.time(),
                ItemHash.sha256Of(""), cursor.time());
    }

    /** The aggregates of the filter's owners (each owner's are few), sorted in the listing's order. */
    private List<AggregateRecord> ownedAggregates(AggregateFilter filter, SortOrder order) {
        List<AggregateRecord> found = new ArrayList<>();
        for (String owner : filter.owners()) {
            found.addAll(aggregates(owner, filter.keys()));
        }
        found.sort(aggregateOrder(filter.sort(), order));
        return found;
    }

    private static Comparator<AggregateRecord> aggregateOrder(AggregateSort sort, SortOrder order) {
        Comparator<AggregateRecord> byTime = Comparator.comparingDouble(sort::timeOf);
        return (order == SortOrder.ASCENDING ? byTime : byTime.reversed())
                .thenComparing(AggregateRecord::key, CODE_POINT_ORDER)
                .thenComparing(AggregateRecord::owner, CODE_POINT_ORDER);
    }

    private OrderedScan aggregateScan(AggregateFilter filter, SortOrder order, byte[] cursor) {
        Column column = filter.sort() == AggregateSort.LAST_MODIFIED ? Column.AGGREGATES_BY_MODIFICATION
                : Column.AGGREGATES_BY_CREATION;
        return new OrderedScan(view, column, new byte[0], null, order == SortOrder.DESCENDING, 8, cursor);
    }

    /** The aggregate an index entry (time, key, owner) lists, when the filter's keys allow it. */
    private AggregateRecord listedAggregate(AggregateFilter filter, byte[] indexKey) {
        KeyReader reader = new KeyReader(indexKey, 8);
        String key = reader.text();
        if (!filter.keys().isEmpty() && !filter.keys().contains(key)) {
            return null;
        }
        return aggregate(reader.text(), key).orElse(null);
    }

    @Override
    public List<AggregateRecord> securityAggregatesNaming(String grantee) {
        List<AggregateRecord> found = new ArrayList<>();
        byte[] prefix = KeyWriter.key().text(grantee).build();
        try (OrderedScan scan = OrderedScan.prefixed(view, Column.SECURITY_GRANTEES, prefix, false)) {
            while (scan.next()) {
                aggregate(new KeyReader(scan.key(), prefix.length).text(), SECURITY_KEY).ifPresent(found::add);
            }
        }
        return found;
    }

    @Override
    public List<AggregateElement> aggregateElements(String owner, String key) {
        List<AggregateElement> elements = new ArrayList<>();
        byte[] prefix = KeyWriter.key().text(owner).text(key).build();
        try (OrderedScan scan = OrderedScan.prefixed(view, Column.AGGREGATE_ELEMENTS, prefix, false)) {
            while (scan.next()) {
                KeyReader reader = new KeyReader(scan.key(), prefix.length);
                double time = reader.time();
                elements.add(new AggregateElement(ItemHash.of(reader.hash()), owner, key,
                        new Values.Reader(scan.value()).text(), time));
            }
        }
        return elements;
    }

    // --- file references

    @Override
    public List<FileReference> fileReferences(ItemHash fileHash) {
        List<FileReference> found = new ArrayList<>();
        byte[] prefix = KeyWriter.key().text(fileHash.value()).build();
        try (OrderedScan scan = OrderedScan.prefixed(view, Column.FILE_REFERENCES_BY_FILE, prefix, false)) {
            while (scan.next()) {
                KeyReader reader = new KeyReader(scan.key(), prefix.length + 8);
                fileReference(reader.hash()).ifPresent(found::add);
            }
        }
        return found;
    }

    @Override
    public Optional<FileReference> latestFileReference(String owner, String ref) {
        if (ref == null) {
            return Optional.empty();
        }
        FileReference latest = null;
        if (owner == null) {
            Optional<FileReference> original = fileReference(ref);
            if (original.isPresent() && original.get().ref() == null) {
                latest = original.get();
            }
        }
        byte[] prefix = owner == null ? KeyWriter.key().text(ref).build()
                : KeyWriter.key().text(ref).text(owner).build();
        try (OrderedScan scan = OrderedScan.prefixed(view, Column.FILE_REFERENCES_BY_REF, prefix, false)) {
            while (scan.next()) {
                KeyReader reader = new KeyReader(scan.key(), prefix.length);
                if (owner == null) {
                    reader.skipText();
                }
                double time = reader.time();
                String hash = reader.hash();
                if (latest == null || time > latest.time()
                        || (time == latest.time() && hash.compareTo(latest.messageHash().value()) > 0)) {
                    Optional<FileReference> found = fileReference(hash);
                    if (found.isPresent()) {
                        latest = found.get();
                    }
                }
            }
        }
        return Optional.ofNullable(latest);
    }

    @Override
    public Optional<FileReference> fileReference(ItemHash storeMessageHash) {
        return fileReference(storeMessageHash.value());
    }

    private Optional<FileReference> fileReference(String messageHash) {
        byte[] value = view.get(Column.FILE_REFERENCES, Indexes.hashKey(messageHash));
        return value == null ? Optional.empty() : Optional.of(Records.file(messageHash, value));
    }

    @Override
    public Page<FileReference> filesOf(String owner, Optional<ItemHash> fileHash, PageRequest page) {
        List<FileReference> items = new ArrayList<>();
        long seen = 0;
        boolean exhausted = true;
        try (OrderedScan scan = ownerFiles(owner, page.order(), null)) {
            while (scan.next()) {
                if (!fileMatches(scan, fileHash)) {
                    continue;
                }
                if (seen++ < page.offset()) {
                    continue;
                }
                fileReference(new KeyReader(scan.key()).skipText().hashAfterTime()).ifPresent(items::add);
                if (page.perPage() > 0 && items.size() == page.perPage()) {
                    exhausted = false;
                    break;
                }
            }
        }
        if (exhausted) {
            return new Page<>(items, seen, page);
        }
        long total = fileHash.isEmpty() ? counter(Counters.key(Counters.FILES, owner, 0, 0))
                : total(List.of("files", owner, fileHash.get()), () -> countFiles(owner, fileHash));
        return new Page<>(items, Math.max(total, page.offset() + items.size()), page);
    }

    private long countFiles(String owner, Optional<ItemHash> fileHash) {
        long count = 0;
        try (OrderedScan scan = ownerFiles(owner, SortOrder.ASCENDING, null)) {
            while (scan.next()) {
                if (fileMatches(scan, fileHash)) {
                    count++;
                }
            }
        }
        return count;
    }

    @Override
    public List<FileReference> filesOfAfter(String owner, Optional<ItemHash> fileHash, Optional<MessageCursor> after,
                                            int limit, SortOrder order) {
        requireLimit(limit);
        List<FileReference> items = new ArrayList<>();
        if (limit == 0) {
            return items;
        }
        byte[] cursor = after.map(position -> KeyWriter.key().text(owner).time(position.time())
                .hash(position.itemHash().value()).build()).orElse(null);
        try (OrderedScan scan = ownerFiles(owner, order, cursor)) {
            while (items.size() < limit && scan.next()) {
                if (fileMatches(scan, fileHash)) {
                    fileReference(new KeyReader(scan.key()).skipText().hashAfterTime()).ifPresent(items::add);
                }
            }
        }
        return items;
    }

    private OrderedScan ownerFiles(String owner, SortOrder order, byte[] cursor) {
        byte[] prefix = KeyWriter.key().text(owner).build();
        return new OrderedScan(view, Column.FILE_REFERENCES_BY_OWNER, prefix, KeyWriter.successor(prefix),
                order == SortOrder.DESCENDING, prefix.length + 8, cursor);
    }

    private static boolean fileMatches(OrderedScan scan, Optional<ItemHash> fileHash) {
        return fileHash.isEmpty() || new Values.Reader(scan.value()).text().equals(fileHash.get().value());
    }

    @Override
    public FileTotals fileTotals(String owner) {
        long files = counter(Counters.key(Counters.FILES, owner, 0, 0));
        long bytes = counter(Counters.key(Counters.FILE_BYTES, owner, 0, 0));
        return files == 0 && bytes == 0 ? FileTotals.NONE : new FileTotals(files, bytes);
    }

    // --- address stats

    @Override
    public Page<AddressStats> addressStats(AddressStatsQuery query, PageRequest page) {
        return slice(sortedStats(query, page.order()), page);
    }

    @Override
    public List<AddressStats> addressStatsAfter(AddressStatsQuery query, Optional<AddressStatsCursor> after,
                                                int limit, SortOrder order) {
        requireLimit(limit);
        List<AddressStats> items = new ArrayList<>();
        for (AddressStats stats : sortedStats(query, order)) {
            if (items.size() == limit) {
                break;
            }
            if (after.isPresent()) {
                long count = stats.count(query.sortBy());
                AddressStatsCursor cursor = after.get();
                boolean further = order == SortOrder.ASCENDING ? count > cursor.count() : count < cursor.count();
                if (!further && !(count == cursor.count() && stats.address().compareTo(cursor.address()) > 0)) {
                    continue;
                }
            }
            items.add(stats);
        }
        return items;
    }

    /**
     * Every matching sender's processed messages by type, from the counters (a few per sender), sorted: the counters
     * hold one entry per sender, status and type, so this reads every sender once.
     */
    private List<AddressStats> sortedStats(AddressStatsQuery query, SortOrder order) {
        return counts == null ? readStats(query, order)
                : counts.reuse(List.of("address stats", query, order), () -> readStats(query, order));
    }

    private List<AddressStats> readStats(AddressStatsQuery query, SortOrder order) {
        String contains = query.addressContains() == null || query.addressContains().isEmpty() ? null
                : query.addressContains().toLowerCase(Locale.ROOT);
        Map<String, Map<MessageType, Long>> counts = new LinkedHashMap<>();
        List<byte[]> prefixes = query.addresses().isEmpty() ? List.of(Counters.prefix(Counters.SENDER))
                : query.addresses().stream().map(address -> Counters.prefix(Counters.SENDER, address)).toList();
        int processed = Codes.STATUS.of(MessageStatus.PROCESSED);
        for (byte[] prefix : prefixes) {
            for (Map.Entry<Bytes, Long> counter : counters(prefix).entrySet()) {
                byte[] key = counter.getKey().value();
                if (Counters.status(key) != processed) {
                    continue;
                }
                String sender = new KeyReader(key, 1).text();
                if (contains != null && !sender.toLowerCase(Locale.ROOT).contains(contains)) {
                    continue;
                }
                counts.computeIfAbsent(sender, s -> new EnumMap<>(MessageType.class))
                        .merge(Codes.TYPE.constant(Counters.type(key)), counter.getValue(), Long::sum);
            }
        }
        Comparator<AddressStats> byCount = Comparator.comparingLong(stats -> stats.count(query.sortBy()));
        return counts.entrySet().stream().map(entry -> new AddressStats(entry.getKey(), entry.getValue()))
                .filter(stats -> stats.total() > 0)
                .sorted((order == SortOrder.ASCENDING ? byCount : byCount.reversed())
                        .thenComparing(AddressStats::address))
                .toList();
    }

    // --- node metrics

    @Override
    public List<NodeMetric> nodeMetrics(NodeKind kind, String nodeId, double fromSeconds, double toSeconds,
                                        SortOrder order) {
        if (Double.isNaN(fromSeconds) || Double.isNaN(toSeconds)) {
            throw new IllegalArgumentException("measurement time bounds must be numbers (infinities for none), not "
                    + fromSeconds + " and " + toSeconds);
        }
        byte[] prefix = KeyWriter.key().code(Codes.NODE_KIND.of(kind)).text(nodeId).build();
        byte[] low = KeyWriter.key().bytes(prefix).time(fromSeconds).build();
        byte[] high = KeyWriter.successor(KeyWriter.key().bytes(prefix).time(toSeconds).build());
        List<NodeMetric> found = new ArrayList<>();
        try (OrderedScan scan = new OrderedScan(view, Column.NODE_METRICS, low, high,
                order == SortOrder.DESCENDING, prefix.length + 8, null)) {
            while (scan.next()) {
                KeyReader reader = new KeyReader(scan.key(), prefix.length);
                double measuredAt = reader.time();
                String post = reader.text();
                found.add(new NodeMetric(ItemHash.of(post), kind, nodeId, measuredAt,
                        Records.measurements(scan.value())));
            }
        }
        return found;
    }

    // --- shared

    private static void requireLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, not " + limit);
        }
    }

    /** One page of results sorted whole, with the total of all of them. */
    static <T> Page<T> slice(List<T> sorted, PageRequest page) {
        if (page.perPage() == 0) {
            return new Page<>(sorted, sorted.size(), page);
        }
        long from = Math.min(page.offset(), sorted.size());
        long to = Math.min(from + page.perPage(), sorted.size());
        return new Page<>(sorted.subList((int) from, (int) to), sorted.size(), page);
    }
}
