package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.PostFilter;
import io.aleph4j.api.state.PostRecord;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * How one {@link PostFilter} is answered, as {@link MessageSearch} answers a message filter: by hash; else through
 * the index of its most selective criterion (original posts only are listed), the rest checked on each post; else
 * in time order, amends skipped. A post is listed by its message's index entries when they cover it
 * ({@link Indexes#covers}: nearly always), by the posts' own families otherwise; a criterion's scan reads both,
 * skips the entries of other message types, and finds under a covering message's key the post it covers.
 */
final class PostSearch {

    private enum Dimension {
        OWNER(Column.MESSAGES_BY_OWNER, Column.POSTS_BY_OWNER, Counters.POST_OWNER, PostFilter::owners),
        TYPE(Column.MESSAGES_BY_CONTENT_TYPE, Column.POSTS_BY_TYPE, Counters.POST_TYPE, PostFilter::types),
        CHANNEL(Column.MESSAGES_BY_CHANNEL, Column.POSTS_BY_CHANNEL, Counters.POST_CHANNEL, PostFilter::channels),
        TAG(Column.MESSAGES_BY_TAG, Column.POSTS_BY_TAG, Counters.POST_TAG, PostFilter::tags),
        REF(Column.MESSAGES_BY_REF, Column.POSTS_BY_REF, 0, PostFilter::refs);

        final Column messageColumn;
        final Column postColumn;
        final int counter;
        final Function<PostFilter, Collection<String>> values;

        Dimension(Column messageColumn, Column postColumn, int counter,
                  Function<PostFilter, Collection<String>> values) {
            this.messageColumn = messageColumn;
            this.postColumn = postColumn;
            this.counter = counter;
            this.values = values;
        }

        /** Each wanted value's range in the messages' index and in the posts' own. */
        List<MergedScan.Source> sources(PostFilter filter) {
            List<MergedScan.Source> sources = new ArrayList<>();
            for (String value : values.apply(filter)) {
                byte[] prefix = KeyWriter.key().text(value).build();
                sources.add(new MergedScan.Source(messageColumn, prefix));
                sources.add(new MergedScan.Source(postColumn, prefix));
            }
            return sources;
        }
    }

    private static final byte POST = (byte) Codes.TYPE.of(MessageType.POST);

    private static final int PROBE_LIMIT = 2_000;

    private final Reads reads;
    private final PostFilter filter;
    private final Dimension driver;

    PostSearch(Reads reads, PostFilter filter) {
        this.reads = reads;
        this.filter = filter;
        this.driver = filter.hashes().isEmpty() ? chooseDriver() : null;
    }

    private Dimension chooseDriver() {
        Dimension best = null;
        long fewest = Long.MAX_VALUE;
        for (Dimension dimension : Dimension.values()) {
            if (!dimension.values.apply(filter).isEmpty()) {
                long estimate = estimate(dimension);
                if (estimate < fewest) {
                    fewest = estimate;
                    best = dimension;
                }
            }
        }
        long all = reads.counter(Counters.key(Counters.POSTS, "", 0, 0));
        return best != null && fewest * 4 <= all ? best : null;
    }

    private long estimate(Dimension dimension) {
        if (dimension.counter != 0) {
            return reads.sumCounters(dimension.counter, dimension.values.apply(filter), Set.of(), Set.of());
        }
        long counted = 0;
        try (MergedScan scan = new MergedScan(reads.view(), dimension.sources(filter), lowSuffix(), highSuffix(), false,
                null)) {
            while (counted < PROBE_LIMIT && scan.next()) {
                if (isPostEntry(scan.value())) {
                    counted++;
                }
            }
        }
        return counted;
    }

    /** The exact number of matches from the counters: a filter on at most one counted criterion (one tag). */
    OptionalLong countedTotal() {
        if (!filter.hashes().isEmpty() || !filter.refs().isEmpty() || filter.startTime() > 0 || filter.endTime() > 0
                || filter.tags().size() > 1) {
            return OptionalLong.empty();
        }
        Dimension counted = null;
        for (Dimension dimension : Dimension.values()) {
            if (!dimension.values.apply(filter).isEmpty()) {
                if (counted != null) {
                    return OptionalLong.empty();
                }
                counted = dimension;
            }
        }
        return counted == null ? OptionalLong.of(reads.counter(Counters.key(Counters.POSTS, "", 0, 0)))
                : OptionalLong.of(reads.sumCounters(counted.counter, counted.values.apply(filter), Set.of(),
                        Set.of()));
    }

    long count() {
        long count = 0;
        try (Matches matches = matches(false, Optional.empty())) {
            while (matches.next()) {
                count++;
            }
        }
        return count;
    }

    Matches matches(boolean descending, Optional<MessageCursor> after) {
        byte[] cursor = after.map(position -> Indexes.messageKey(position.time(), position.itemHash().value()))
                .orElse(null);
        if (!filter.hashes().isEmpty()) {
            List<byte[]> keys = new ArrayList<>();
            for (ItemHash hash : filter.hashes()) {
                byte[] key = reads.postKey(hash.value());
                if (key != null) {
                    if (cursor == null || (descending ? Bytes.compare(key, cursor) < 0 : Bytes.compare(key, cursor) > 0)) {
                        keys.add(key);
                    }
                }
            }
            keys.sort(descending ? (a, b) -> Bytes.compare(b, a) : Bytes::compare);
            return new Matches(keys.iterator()::next, keys.size());
        }
        if (driver == null) {
            OrderedScan scan = new OrderedScan(reads.view(), Column.POSTS, lowSuffix(), highSuffix(), descending, 0,
                    cursor);
            return new Matches(scan);
        }
        return new Matches(new MergedScan(reads.view(), driver.sources(filter), lowSuffix(), highSuffix(), descending,
                cursor));
    }

    private byte[] lowSuffix() {
        return filter.startTime() > 0 ? KeyWriter.key().time(filter.startTime()).build() : new byte[0];
    }

    private byte[] highSuffix() {
        return filter.endTime() > 0 ? KeyWriter.key().time(filter.endTime()).build() : null;
    }

    boolean matches(PostRecord post) {
        return !post.isAmend()
                && allows(filter.hashes(), post.itemHash())
                && allows(filter.owners(), post.owner())
                && allows(filter.refs(), post.ref())
                && allows(filter.types(), post.type())
                && allows(filter.channels(), post.channel())
                && (filter.startTime() <= 0 || post.time() >= filter.startTime())
                && (filter.endTime() <= 0 || post.time() < filter.endTime())
                && (filter.tags().isEmpty() || post.tags().stream().anyMatch(filter.tags()::contains));
    }

    /**
     * Whether an index entry may list a post: every entry of the posts' own families (no value), and the entries of
     * POST messages in the messages' (their value is the status and type codes).
     */
    private static boolean isPostEntry(byte[] value) {
        return value.length < 2 || value[1] == POST;
    }

    private static <T> boolean allows(Set<T> values, T value) {
        return values.isEmpty() || (value != null && values.contains(value));
    }

    /** The matching original posts, in (time, hash) order or its reverse. */
    final class Matches implements AutoCloseable {
        private final OrderedScan primary;
        private final MergedScan index;
        private final java.util.function.Supplier<byte[]> keys;
        private int remaining;
        private PostRecord post;

        Matches(OrderedScan primary) {
            this.primary = primary;
            this.index = null;
            this.keys = null;
        }

        Matches(MergedScan index) {
            this.primary = null;
            this.index = index;
            this.keys = null;
        }

        Matches(java.util.function.Supplier<byte[]> keys, int count) {
            this.primary = null;
            this.index = null;
            this.keys = keys;
            this.remaining = count;
        }

        boolean next() {
            while (true) {
                PostRecord candidate;
                if (primary != null) {
                    if (!primary.next()) {
                        return false;
                    }
                    if (Records.isAmend(primary.value())) {
                        continue;
                    }
                    KeyReader reader = new KeyReader(primary.key());
                    double time = reader.time();
                    candidate = Records.post(reader.hash(), time, primary.value());
                } else if (index != null) {
                    if (!index.next()) {
                        return false;
                    }
                    if (!isPostEntry(index.value())) {
                        continue;
                    }
                    candidate = reads.postAt(index.suffix());
                } else {
                    if (remaining-- <= 0) {
                        return false;
                    }
                    candidate = reads.postAt(keys.get());
                }
                if (candidate != null && matches(candidate)) {
                    post = candidate;
                    return true;
                }
            }
        }

        PostRecord post() {
            return post;
        }

        @Override
        public void close() {
            if (primary != null) {
                primary.close();
            }
            if (index != null) {
                index.close();
            }
        }
    }
}
