package io.aleph4j.plugins.state.rocksdb;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A write transaction's changes, kept by key in memory, so that the transaction's own reads see them over the
 * committed state, and written at its commit as one {@link WriteBatch}. RocksDB's {@code WriteBatchWithIndex} does
 * the same with a native index, whose inserts took a third of the applying thread's time (docs/benchmarks.md);
 * lookups here are a hash map's, and the rare scan of a family the transaction changed sorts that family's changes
 * once.
 * <p>
 * The batch holds each family's changes in key order: a memtable is a skip list that remembers where its last insert
 * went, so keys in order each start from their predecessor's place instead of a search from the top through a list
 * far larger than the CPU's caches (in the order the messages came, that search was a third of the applying thread's
 * time at a million messages stored: docs/benchmarks.md).
 */
final class PendingWrites implements AutoCloseable {

    /** The value of a key the transaction deleted (compared by identity: an empty value is a real one). */
    private static final byte[] DELETED = new byte[0];

    private final Database database;
    private final WriteBatch batch = new WriteBatch();
    /** Whether {@link #batch} holds the changes: it is made once, at the commit. */
    private boolean batched;
    private final Map<Column, Map<Bytes, byte[]>> changes = new EnumMap<>(Column.class);
    /** Each changed family's changes in key order, made for a scan and dropped at the family's next change. */
    private final Map<Column, NavigableMap<byte[], byte[]>> sorted = new EnumMap<>(Column.class);

    PendingWrites(Database database) {
        this.database = database;
    }

    void put(Column column, byte[] key, byte[] value) {
        changed(column).put(new Bytes(key), value);
    }

    void delete(Column column, byte[] key) {
        changed(column).put(new Bytes(key), DELETED);
    }

    private Map<Bytes, byte[]> changed(Column column) {
        if (batched) {
            throw new IllegalStateException("a change after the commit's batch was made");
        }
        sorted.remove(column);
        return changes.computeIfAbsent(column, unused -> new HashMap<>());
    }

    /** The value of {@code key} as this transaction left it, else as committed; null for none. */
    byte[] get(Column column, byte[] key, ReadOptions read) {
        Map<Bytes, byte[]> changed = changes.get(column);
        byte[] pending = changed == null ? null : changed.get(new Bytes(key));
        if (pending != null) {
            return pending == DELETED ? null : pending;
        }
        try {
            return database.db().get(database.handle(column), read, key);
        } catch (RocksDBException e) {
            throw new StoreException("reading " + column, e);
        }
    }

    /** The keys of {@code column} as this transaction left them over {@code committed}, which the cursor closes. */
    Cursor cursor(Column column, Cursor committed) {
        Map<Bytes, byte[]> changed = changes.get(column);
        if (changed == null) {
            return committed;
        }
        NavigableMap<byte[], byte[]> inOrder = sorted.computeIfAbsent(column, unused -> {
            NavigableMap<byte[], byte[]> keys = new TreeMap<>(Bytes::compare);
            changed.forEach((key, value) -> keys.put(key.value(), value));
            return keys;
        });
        return new Merged(committed, inOrder);
    }

    /**
     * The batch the commit writes, each family's changes in key order (the store adds the counters and the applied
     * index to it). A key changed twice is written once, as the transaction left it.
     */
    WriteBatch batch() {
        if (!batched) {
            batched = true;
            for (Map.Entry<Column, Map<Bytes, byte[]>> family : changes.entrySet()) {
                write(database.handle(family.getKey()), family.getValue());
            }
        }
        return batch;
    }

    private void write(ColumnFamilyHandle family, Map<Bytes, byte[]> changed) {
        List<Map.Entry<Bytes, byte[]>> inOrder = new ArrayList<>(changed.entrySet());
        inOrder.sort(Map.Entry.comparingByKey());
        try {
            for (Map.Entry<Bytes, byte[]> change : inOrder) {
                if (change.getValue() == DELETED) {
                    batch.delete(family, change.getKey().value());
                } else {
                    batch.put(family, change.getKey().value(), change.getValue());
                }
            }
        } catch (RocksDBException e) {
            throw new StoreException("writing a batch", e);
        }
    }

    @Override
    public void close() {
        batch.close();
    }

    /**
     * The committed keys and the pending ones merged in key order: a pending key hides the committed one, a pending
     * deletion hides it and itself. Each seek sets the direction that {@link #next()} or {@link #prev()} continue.
     */
    private static final class Merged implements Cursor {
        private final Cursor committed;
        private final NavigableMap<byte[], byte[]> pending;
        /** The pending entry at or past the position in the current direction; null for none. */
        private Map.Entry<byte[], byte[]> nextPending;
        private boolean onPending;
        private boolean valid;
        private boolean forward;

        Merged(Cursor committed, NavigableMap<byte[], byte[]> pending) {
            this.committed = committed;
            this.pending = pending;
        }

        @Override
        public void seek(byte[] key) {
            committed.seek(key);
            nextPending = pending.ceilingEntry(key);
            settle(true);
        }

        @Override
        public void seekForPrev(byte[] key) {
            committed.seekForPrev(key);
            nextPending = pending.floorEntry(key);
            settle(false);
        }

        @Override
        public void seekToFirst() {
            committed.seekToFirst();
            nextPending = pending.firstEntry();
            settle(true);
        }

        @Override
        public void seekToLast() {
            committed.seekToLast();
            nextPending = pending.lastEntry();
            settle(false);
        }

        @Override
        public void next() {
            step(true);
        }

        @Override
        public void prev() {
            step(false);
        }

        private void step(boolean ahead) {
            if (!valid) {
                throw new IllegalStateException("the cursor is not on a key");
            }
            if (ahead != forward) {
                throw new IllegalStateException("a cursor changes direction with a seek");
            }
            if (onPending) {
                nextPending = further(nextPending.getKey());
            } else {
                move(committed);
            }
            settle(ahead);
        }

        /** Positions on the nearer of the two sides' keys in the direction, skipping what the pending side hides. */
        private void settle(boolean ahead) {
            forward = ahead;
            while (true) {
                byte[] committedKey = committed.isValid() ? committed.key() : null;
                if (nextPending == null) {
                    onPending = false;
                    valid = committedKey != null;
                    return;
                }
                // Below 0: the pending key comes first in the direction (or is all that is left).
                int order = committedKey == null ? -1
                        : (forward ? 1 : -1) * Bytes.compare(nextPending.getKey(), committedKey);
                if (order > 0) {
                    onPending = false;
                    valid = true;
                    return;
                }
                if (order == 0) {
                    move(committed); // hidden by the pending change
                }
                if (nextPending.getValue() != DELETED) {
                    onPending = true;
                    valid = true;
                    return;
                }
                nextPending = further(nextPending.getKey());
            }
        }

        private void move(Cursor cursor) {
            if (forward) {
                cursor.next();
            } else {
                cursor.prev();
            }
        }

        private Map.Entry<byte[], byte[]> further(byte[] key) {
            return forward ? pending.higherEntry(key) : pending.lowerEntry(key);
        }

        @Override
        public boolean isValid() {
            return valid;
        }

        @Override
        public byte[] key() {
            return onPending ? nextPending.getKey() : committed.key();
        }

        @Override
        public byte[] value() {
            return onPending ? nextPending.getValue() : committed.value();
        }

        @Override
        public void close() {
            committed.close();
        }
    }
}
