package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.message.Chain;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.ContentFields;
import io.aleph4j.api.state.MessageCursor;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * How one {@link MessageFilter} is answered. The filter's hashes, when it has some, are looked up one by one.
 * Otherwise the most selective of its indexed criteria drives the search (its counters tell how many messages each
 * one matches; criteria without counters are probed): that criterion's index ranges are merged in time order, and the
 * other criteria are checked on each message found. The status and type are in every index entry, so filters on them
 * cost no read of the message. When no criterion is selective (each matches more than a quarter of what the status and
 * type allow), the messages are read in time order directly: the index would only add a read per message.
 */
final class MessageSearch {

    /** A filter criterion with an index. */
    private enum Dimension {
        SENDER(Column.MESSAGES_BY_SENDER, Counters.SENDER, MessageFilter::senders),
        OWNER(Column.MESSAGES_BY_OWNER, Counters.OWNER, MessageFilter::owners),
        CHANNEL(Column.MESSAGES_BY_CHANNEL, Counters.CHANNEL, MessageFilter::channels),
        CONTENT_TYPE(Column.MESSAGES_BY_CONTENT_TYPE, Counters.CONTENT_TYPE, MessageFilter::contentTypes),
        CHAIN(Column.MESSAGES_BY_CHAIN, Counters.CHAIN,
                filter -> filter.chains().stream().map(Chain::code).toList()),
        TAG(Column.MESSAGES_BY_TAG, Counters.TAG, MessageFilter::tags),
        PAYMENT_TYPE(Column.MESSAGES_BY_PAYMENT_TYPE, Counters.PAYMENT_TYPE, MessageFilter::paymentTypes),
        REF(Column.MESSAGES_BY_REF, 0, MessageFilter::refs),
        KEY(Column.MESSAGES_BY_KEY, 0, MessageFilter::contentKeys),
        CONTENT_HASH(Column.MESSAGES_BY_CONTENT_HASH, 0, MessageFilter::contentHashes),
        VOLUME_REF(Column.MESSAGES_BY_VOLUME_REF, 0, MessageFilter::volumeRefs),
        TYPE(Column.MESSAGES_BY_TYPE, 0, filter -> List.of()),
        STATUS(Column.MESSAGES_BY_STATUS, 0, filter -> List.of());

        final Column column;
        final int counter;
        final Function<MessageFilter, Collection<String>> values;

        Dimension(Column column, int counter, Function<MessageFilter, Collection<String>> values) {
            this.column = column;
            this.counter = counter;
            this.values = values;
        }

        /** The index key prefixes of the filter's values of this dimension. */
        List<byte[]> prefixes(MessageFilter filter) {
            List<byte[]> prefixes = new ArrayList<>();
            switch (this) {
                case TYPE -> filter.types().forEach(type -> prefixes.add(new byte[] {(byte) Codes.TYPE.of(type)}));
                case STATUS -> filter.statuses().forEach(
                        status -> prefixes.add(new byte[] {(byte) Codes.STATUS.of(status)}));
                default -> values.apply(filter).forEach(value -> prefixes.add(KeyWriter.key().text(value).build()));
            }
            return prefixes;
        }

        boolean presentIn(MessageFilter filter) {
            return switch (this) {
                case TYPE -> !filter.types().isEmpty();
                // The status index leaves processed messages out.
                case STATUS -> !filter.statuses().isEmpty() && !filter.statuses().contains(MessageStatus.PROCESSED);
                default -> !values.apply(filter).isEmpty();
            };
        }
    }

    /** Estimates past this are not counted further: the criterion is not selective. */
    private static final int PROBE_LIMIT = 2_000;

    private final Reads reads;
    private final MessageFilter filter;
    private final Dimension driver;

    MessageSearch(Reads reads, MessageFilter filter) {
        this.reads = reads;
        this.filter = filter;
        this.driver = filter.hashes().isEmpty() ? chooseDriver() : null;
    }

    /** The index to search through, or null to read the messages in time order. */
    private Dimension chooseDriver() {
        Dimension best = null;
        long fewest = Long.MAX_VALUE;
        for (Dimension dimension : Dimension.values()) {
            if (dimension.presentIn(filter)) {
                long estimate = estimate(dimension);
                if (estimate < fewest) {
                    fewest = estimate;
                    best = dimension;
                }
            }
        }
        if (best == null) {
            return null;
        }
        long all = reads.sumCounters(Counters.MESSAGES, List.of(""), filter.statuses(), filter.types());
        return fewest * 4 <= all ? best : null;
    }

    private long estimate(Dimension dimension) {
        if (dimension.counter != 0) {
            return reads.sumCounters(dimension.counter, dimension.values.apply(filter), filter.statuses(),
                    filter.types());
        }
        if (dimension == Dimension.TYPE || dimension == Dimension.STATUS) {
            return reads.sumCounters(Counters.MESSAGES, List.of(""), filter.statuses(), filter.types());
        }
        long counted = 0;
        try (MergedScan scan = new MergedScan(reads.view(), dimension.column, dimension.prefixes(filter),
                lowSuffix(), highSuffix(), false, null)) {
            while (counted < PROBE_LIMIT && scan.next()) {
                counted++;
            }
        }
        return counted;
    }

    /**
     * The exact number of matches from the counters, when they can tell it: for a filter on at most one of the
     * counted dimensions (any of its values; a single tag, since a message can have several), with any statuses and
     * types, and nothing else.
     */
    OptionalLong countedTotal() {
        if (!filter.hashes().isEmpty() || !filter.refs().isEmpty() || !filter.contentKeys().isEmpty()
                || !filter.contentHashes().isEmpty() || !filter.volumeRefs().isEmpty() || filter.startTime() > 0
                || filter.endTime() > 0 || filter.receivedFrom().isPresent() || filter.receivedBefore().isPresent()
                || filter.tags().size() > 1) {
            return OptionalLong.empty();
        }
        Dimension counted = null;
        for (Dimension dimension : Dimension.values()) {
            if (dimension.counter != 0 && !dimension.values.apply(filter).isEmpty()) {
                if (counted != null) {
                    return OptionalLong.empty();
                }
                counted = dimension;
            }
        }
        return counted == null
                ? OptionalLong.of(reads.sumCounters(Counters.MESSAGES, List.of(""), filter.statuses(), filter.types()))
                : OptionalLong.of(reads.sumCounters(counted.counter, counted.values.apply(filter), filter.statuses(),
                        filter.types()));
    }

    /** Whether the filter has no criterion but statuses and types (which the counters split by). */
    boolean onlyStatusesAndTypes() {
        return filter.equals(MessageFilter.builder().statuses(filter.statuses().toArray(MessageStatus[]::new))
                .types(filter.types().toArray(MessageType[]::new)).build());
    }

    /** Whether the search is through an index that lists few messages (or by hash): its matches can be sorted whole. */
    boolean isNarrow(long atMost) {
        return !filter.hashes().isEmpty() || (driver != null && estimate(driver) <= atMost);
    }

    /** Counts every match. */
    long count() {
        long count = 0;
        try (Matches matches = matches(false, Optional.empty())) {
            while (matches.next()) {
                count++;
            }
        }
        return count;
    }

    /** The matches in (time, hash) order, or its reverse, strictly after {@code after} when given. */
    Matches matches(boolean descending, Optional<MessageCursor> after) {
        byte[] cursor = after.map(position -> Indexes.messageKey(position.time(), position.itemHash().value()))
                .orElse(null);
        if (!filter.hashes().isEmpty()) {
            return new ByHash(descending, cursor);
        }
        if (driver == null) {
            return new InTimeOrder(descending, cursor);
        }
        return new ThroughIndex(driver, descending, cursor);
    }

    private byte[] lowSuffix() {
        return filter.startTime() > 0 ? KeyWriter.key().time(filter.startTime()).build() : new byte[0];
    }

    private byte[] highSuffix() {
        return filter.endTime() > 0 ? KeyWriter.key().time(filter.endTime()).build() : null;
    }

    private boolean codesMatch(int status, int type) {
        return (filter.statuses().isEmpty() || filter.statuses().contains(Codes.STATUS.constant(status)))
                && (filter.types().isEmpty() || filter.types().contains(Codes.TYPE.constant(type)));
    }

    /**
     * Whether a message that matches the driving criterion, the statuses, the types and the time range may still
     * fail the filter: then each candidate is read and checked whole.
     */
    private boolean needsRecord(Dimension driving) {
        for (Dimension dimension : Dimension.values()) {
            if (dimension != driving && dimension != Dimension.TYPE && dimension != Dimension.STATUS
                    && !dimension.values.apply(filter).isEmpty()) {
                return true;
            }
        }
        return filter.receivedFrom().isPresent() || filter.receivedBefore().isPresent();
    }

    /** The whole filter, on a message. */
    boolean matches(MessageRecord record) {
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
                && (filter.startTime() <= 0 || record.time() >= filter.startTime())
                && (filter.endTime() <= 0 || record.time() < filter.endTime())
                && filter.receivedFrom().map(from -> !record.receivedAt().isBefore(from)).orElse(true)
                && filter.receivedBefore().map(before -> record.receivedAt().isBefore(before)).orElse(true)
                && (filter.tags().isEmpty() || (content != null
                        && content.tags().stream().anyMatch(filter.tags()::contains)))
                && (filter.volumeRefs().isEmpty() || (content != null
                        && content.volumeRefs().stream().anyMatch(filter.volumeRefs()::contains)));
    }

    private static <T> boolean allows(Set<T> values, T value) {
        return values.isEmpty() || (value != null && values.contains(value));
    }

    /** The messages matching the filter, one at a time; a match's record is read only when asked for. */
    abstract static class Matches implements AutoCloseable {

        /** Moves to the next match; false at the end. */
        abstract boolean next();

        /** The current match's key in {@link Column#MESSAGES}: (time, hash). */
        abstract byte[] key();

        abstract MessageRecord record();

        @Override
        public abstract void close();
    }

    private final class ThroughIndex extends Matches {
        private final MergedScan scan;
        private final boolean checkRecords;
        private MessageRecord record;

        ThroughIndex(Dimension driving, boolean descending, byte[] cursor) {
            this.scan = new MergedScan(reads.view(), driving.column, driving.prefixes(filter), lowSuffix(),
                    highSuffix(), descending, cursor);
            this.checkRecords = needsRecord(driving);
        }

        @Override
        boolean next() {
            while (scan.next()) {
                byte[] codes = scan.value();
                if (!codesMatch(codes[0] & 0xFF, codes[1] & 0xFF)) {
                    continue;
                }
                record = null;
                if (checkRecords) {
                    MessageRecord candidate = reads.messageAt(scan.suffix());
                    if (candidate == null || !matches(candidate)) {
                        continue;
                    }
                    record = candidate;
                }
                return true;
            }
            return false;
        }

        @Override
        byte[] key() {
            return scan.suffix();
        }

        @Override
        MessageRecord record() {
            if (record == null) {
                record = reads.messageAt(scan.suffix());
            }
            return record;
        }

        @Override
        public void close() {
            scan.close();
        }
    }

    private final class InTimeOrder extends Matches {
        private final OrderedScan scan;
        private final boolean checkRecords;
        private MessageRecord record;

        InTimeOrder(boolean descending, byte[] cursor) {
            byte[] high = highSuffix();
            this.scan = new OrderedScan(reads.view(), Column.MESSAGES, lowSuffix(), high, descending, 0, cursor);
            this.checkRecords = needsRecord(null);
        }

        @Override
        boolean next() {
            while (scan.next()) {
                byte[] value = scan.value();
                if (!codesMatch(Records.statusCode(value), Records.typeCode(value))) {
                    continue;
                }
                record = null;
                if (checkRecords) {
                    MessageRecord candidate = Reads.decodeMessage(scan.key(), value);
                    if (!matches(candidate)) {
                        continue;
                    }
                    record = candidate;
                }
                return true;
            }
            return false;
        }

        @Override
        byte[] key() {
            return scan.key();
        }

        @Override
        MessageRecord record() {
            if (record == null) {
                record = Reads.decodeMessage(scan.key(), scan.value());
            }
            return record;
        }

        @Override
        public void close() {
            scan.close();
        }
    }

    private final class ByHash extends Matches {
        private final List<MessageRecord> found = new ArrayList<>();
        private int position = -1;

        ByHash(boolean descending, byte[] cursor) {
            List<byte[]> keys = new ArrayList<>();
            for (ItemHash hash : filter.hashes()) {
                byte[] time = reads.view().get(Column.MESSAGE_TIMES, Indexes.hashKey(hash.value()));
                if (time != null) {
                    keys.add(MergedScan.concat(time, Indexes.hashKey(hash.value())));
                }
            }
            keys.sort(descending ? (a, b) -> Bytes.compare(b, a) : Bytes::compare);
            for (byte[] key : keys) {
                if (cursor != null && (descending ? Bytes.compare(key, cursor) >= 0 : Bytes.compare(key, cursor) <= 0)) {
                    continue;
                }
                MessageRecord record = reads.messageAt(key);
                if (record != null && matches(record)) {
                    found.add(record);
                }
            }
        }

        @Override
        boolean next() {
            return ++position < found.size();
        }

        @Override
        byte[] key() {
            MessageRecord record = found.get(position);
            return Indexes.messageKey(record.time(), record.itemHash().value());
        }

        @Override
        MessageRecord record() {
            return found.get(position);
        }

        @Override
        public void close() {
        }
    }

    /** The first microsecond a reception bound admits (a bound between two microseconds admits the later one). */
    static long ceilingMicros(Instant instant) {
        long micros = Records.receivedMicros(instant);
        return instant.getNano() % 1_000 == 0 ? micros : micros + 1;
    }
}
