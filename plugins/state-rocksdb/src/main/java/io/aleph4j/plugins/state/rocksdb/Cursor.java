package io.aleph4j.plugins.state.rocksdb;

import org.rocksdb.RocksIterator;

/**
 * A position in the keys of one column family, as a {@link RocksIterator} has it: what the scans read through, so
 * that a transaction's scans can see its own pending changes over the committed state ({@link PendingWrites}).
 * {@link #next()} continues a {@link #seek} or {@link #seekToFirst()}, {@link #prev()} a {@link #seekForPrev} or
 * {@link #seekToLast()}.
 */
interface Cursor extends AutoCloseable {

    /** Positions on the first key at or after {@code key}. */
    void seek(byte[] key);

    /** Positions on the last key at or before {@code key}. */
    void seekForPrev(byte[] key);

    void seekToFirst();

    void seekToLast();

    void next();

    void prev();

    boolean isValid();

    byte[] key();

    byte[] value();

    @Override
    void close();

    /** The committed keys, read through RocksDB's own iterator. */
    static Cursor over(RocksIterator iterator) {
        return new Cursor() {
            @Override
            public void seek(byte[] key) {
                iterator.seek(key);
            }

            @Override
            public void seekForPrev(byte[] key) {
                iterator.seekForPrev(key);
            }

            @Override
            public void seekToFirst() {
                iterator.seekToFirst();
            }

            @Override
            public void seekToLast() {
                iterator.seekToLast();
            }

            @Override
            public void next() {
                iterator.next();
            }

            @Override
            public void prev() {
                iterator.prev();
            }

            @Override
            public boolean isValid() {
                return iterator.isValid();
            }

            @Override
            public byte[] key() {
                return iterator.key();
            }

            @Override
            public byte[] value() {
                return iterator.value();
            }

            @Override
            public void close() {
                iterator.close();
            }
        };
    }
}
