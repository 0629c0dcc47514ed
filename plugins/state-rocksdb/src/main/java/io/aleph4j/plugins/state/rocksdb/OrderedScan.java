package io.aleph4j.plugins.state.rocksdb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The keys of one column family in [{@code low}, {@code high}), ascending or descending, optionally starting strictly
 * after a cursor key. Some listings order ties the same way in both directions (reception time descending, then item
 * hash ascending): for those, {@code tieLength} is the length of the key prefix that ties (the parts before the hash),
 * and a descending scan reads each group of tied keys backwards, then hands them out forwards. With a tie length of 0 a
 * descending scan is the ascending one reversed.
 */
final class OrderedScan implements AutoCloseable {

    private final Cursor iterator;
    private final byte[] low;
    private final byte[] high;
    private final boolean descending;
    private final int tieLength;
    private final Deque<byte[][]> tied = new ArrayDeque<>();
    private boolean started;
    private byte[] key;
    private byte[] value;

    /**
     * @param low   the first key of the range (inclusive)
     * @param high  the end of the range (exclusive); null for none
     * @param after a key in the listing's order: the scan starts strictly after it; null to start at the beginning
     */
    OrderedScan(View view, Column column, byte[] low, byte[] high, boolean descending, int tieLength, byte[] after) {
        this.iterator = view.cursor(column);
        this.low = low;
        this.high = high;
        this.descending = descending;
        this.tieLength = tieLength;
        position(after);
    }

    /** The keys starting with {@code prefix}. */
    static OrderedScan prefixed(View view, Column column, byte[] prefix, boolean descending) {
        return new OrderedScan(view, column, prefix, KeyWriter.successor(prefix), descending, 0, null);
    }

    private void position(byte[] after) {
        if (!descending) {
            if (after != null && Bytes.compare(after, low) >= 0) {
                iterator.seek(after);
                if (iterator.isValid() && Bytes.compare(iterator.key(), after) == 0) {
                    iterator.next();
                }
            } else {
                iterator.seek(low);
            }
            return;
        }
        if (after != null && tieLength > 0 && after.length >= tieLength) {
            // First the keys tied with the cursor that come after it (ascending within the tie), then the rest.
            byte[] group = java.util.Arrays.copyOf(after, tieLength);
            iterator.seek(after);
            while (iterator.isValid() && KeyWriter.startsWith(iterator.key(), group) && below(iterator.key())) {
                byte[] current = iterator.key();
                if (Bytes.compare(current, after) > 0 && Bytes.compare(current, low) >= 0) {
                    tied.addLast(new byte[][] {current, iterator.value()});
                }
                iterator.next();
            }
            seekBefore(group);
        } else if (after != null) {
            seekBefore(high != null && Bytes.compare(after, high) >= 0 ? high : after);
        } else if (high != null) {
            seekBefore(high);
        } else {
            iterator.seekToLast();
        }
    }

    /** Positions on the last key strictly before {@code bound}. */
    private void seekBefore(byte[] bound) {
        iterator.seekForPrev(bound);
        if (iterator.isValid() && Bytes.compare(iterator.key(), bound) >= 0) {
            iterator.prev();
        }
    }

    private boolean below(byte[] candidate) {
        return high == null || Bytes.compare(candidate, high) < 0;
    }

    /** Moves to the next key; false at the end. */
    boolean next() {
        if (!descending) {
            if (started) {
                iterator.next();
            }
            started = true;
            if (!iterator.isValid()) {
                return false;
            }
            byte[] current = iterator.key();
            if (!below(current)) {
                return false;
            }
            key = current;
            value = null;
            return true;
        }
        if (tieLength == 0) {
            if (started) {
                iterator.prev();
            }
            started = true;
            if (!iterator.isValid()) {
                return false;
            }
            byte[] current = iterator.key();
            if (Bytes.compare(current, low) < 0) {
                return false;
            }
            key = current;
            value = null;
            return true;
        }
        if (tied.isEmpty()) {
            readTiedGroup();
        }
        byte[][] entry = tied.pollFirst();
        if (entry == null) {
            return false;
        }
        key = entry[0];
        value = entry[1];
        return true;
    }

    /** Reads backwards the keys that tie with the current one, and queues them forwards. */
    private void readTiedGroup() {
        if (!iterator.isValid()) {
            return;
        }
        byte[] first = iterator.key();
        if (Bytes.compare(first, low) < 0) {
            return;
        }
        int length = Math.min(tieLength, first.length);
        byte[] group = java.util.Arrays.copyOf(first, length);
        List<byte[][]> backwards = new ArrayList<>();
        while (iterator.isValid()) {
            byte[] current = iterator.key();
            if (!KeyWriter.startsWith(current, group) || Bytes.compare(current, low) < 0) {
                break;
            }
            backwards.add(new byte[][] {current, iterator.value()});
            iterator.prev();
        }
        for (byte[][] entry : backwards.reversed()) {
            tied.addLast(entry);
        }
    }

    byte[] key() {
        return key;
    }

    byte[] value() {
        if (value == null) {
            value = iterator.value();
        }
        return value;
    }

    @Override
    public void close() {
        iterator.close();
    }
}
