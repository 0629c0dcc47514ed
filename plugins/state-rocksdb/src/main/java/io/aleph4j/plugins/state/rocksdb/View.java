package io.aleph4j.plugins.state.rocksdb;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Snapshot;
import org.rocksdb.WriteBatchWithIndex;

/**
 * What the queries read: the committed state as of one snapshot (a query sees one commit whole or not at all), or a
 * write transaction's view (its own uncommitted changes over the committed state).
 */
interface View extends AutoCloseable {

    /** The value of {@code key}, or null. */
    byte[] get(Column column, byte[] key);

    /** An unpositioned iterator; the caller closes it. */
    RocksIterator iterator(Column column);

    @Override
    void close();

    /** The committed state at the moment it was opened. */
    static View snapshot(Database database) {
        Snapshot snapshot = database.db().getSnapshot();
        ReadOptions read = new ReadOptions().setSnapshot(snapshot);
        return new View() {
            @Override
            public byte[] get(Column column, byte[] key) {
                try {
                    return database.db().get(database.handle(column), read, key);
                } catch (RocksDBException e) {
                    throw new StoreException("reading " + column, e);
                }
            }

            @Override
            public RocksIterator iterator(Column column) {
                return database.db().newIterator(database.handle(column), read);
            }

            @Override
            public void close() {
                read.close();
                database.db().releaseSnapshot(snapshot);
            }
        };
    }

    /**
     * A transaction's changes ({@code batch}, indexed so that they can be read) over the committed state. No snapshot:
     * the transaction's thread is the database's only writer, so what it reads does not change under it.
     */
    static View overBatch(Database database, WriteBatchWithIndex batch) {
        ReadOptions read = new ReadOptions();
        return new View() {
            @Override
            public byte[] get(Column column, byte[] key) {
                try {
                    return batch.getFromBatchAndDB(database.db(), database.handle(column), read, key);
                } catch (RocksDBException e) {
                    throw new StoreException("reading " + column, e);
                }
            }

            @Override
            public RocksIterator iterator(Column column) {
                return batch.newIteratorWithBase(database.handle(column),
                        database.db().newIterator(database.handle(column), read), read);
            }

            @Override
            public void close() {
                read.close();
            }
        };
    }
}
