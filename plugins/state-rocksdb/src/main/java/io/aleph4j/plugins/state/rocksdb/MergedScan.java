package io.aleph4j.plugins.state.rocksdb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The entries of several prefixes of one index family, merged into one listing ordered by what follows the prefix
 * (time, then item hash): the messages of any of several senders, newest first, read from each sender's range. An
 * entry under two of the prefixes (a message with two of the wanted tags) comes out once. The prefixes may be in
 * different families whose keys end alike (a post's owner in the messages' index and in the posts' own).
 */
final class MergedScan implements AutoCloseable {

    /** One range to merge: the keys of {@code column} that start with {@code prefix}. */
    record Source(Column column, byte[] prefix) {
    }

    private record Part(OrderedScan scan, int prefixLength) {
        byte[] suffix() {
            byte[] key = scan.key();
            return Arrays.copyOfRange(key, prefixLength, key.length);
        }
    }

    private record Head(Part part, byte[] suffix) {
    }

    private final List<Part> parts = new ArrayList<>();
    private final PriorityQueue<Head> heads;
    private byte[] suffix;
    private byte[] value;

    /**
     * @param lowSuffix  the first suffix of every range (inclusive); empty for none
     * @param highSuffix the end of every range (exclusive); null for none
     * @param after      a suffix the listing starts strictly after; null for none
     */
    MergedScan(View view, Column column, List<byte[]> prefixes, byte[] lowSuffix, byte[] highSuffix,
               boolean descending, byte[] after) {
        this(view, prefixes.stream().map(prefix -> new Source(column, prefix)).toList(), lowSuffix, highSuffix,
                descending, after);
    }

    /** As above, over ranges of any families. */
    MergedScan(View view, List<Source> sources, byte[] lowSuffix, byte[] highSuffix, boolean descending,
               byte[] after) {
        heads = new PriorityQueue<>(Math.max(1, sources.size()), descending
                ? (a, b) -> Bytes.compare(b.suffix(), a.suffix())
                : (a, b) -> Bytes.compare(a.suffix(), b.suffix()));
        for (Source source : sources) {
            byte[] prefix = source.prefix();
            byte[] low = concat(prefix, lowSuffix);
            byte[] high = highSuffix == null ? KeyWriter.successor(prefix) : concat(prefix, highSuffix);
            OrderedScan scan = new OrderedScan(view, source.column(), low, high, descending, 0,
                    after == null ? null : concat(prefix, after));
            Part part = new Part(scan, prefix.length);
            parts.add(part);
            if (scan.next()) {
                heads.add(new Head(part, part.suffix()));
            }
        }
    }

    boolean next() {
        while (true) {
            Head head = heads.poll();
            if (head == null) {
                return false;
            }
            byte[] current = head.suffix();
            byte[] currentValue = head.part().scan.value();
            if (head.part().scan.next()) {
                heads.add(new Head(head.part(), head.part().suffix()));
            }
            if (suffix != null && Arrays.equals(suffix, current)) {
                continue;
            }
            suffix = current;
            value = currentValue;
            return true;
        }
    }

    /** The current entry's key after its prefix. */
    byte[] suffix() {
        return suffix;
    }

    byte[] value() {
        return value;
    }

    @Override
    public void close() {
        parts.forEach(part -> part.scan().close());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
