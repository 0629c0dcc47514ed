package io.aleph4j.plugins.state.rocksdb;

import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;
import org.rocksdb.Snapshot;

/**
 * What the queries read: the committed state as of one snapshot (a query sees one commit whole or not at all), or a
 * write transaction's view (its own uncommitted changes over the committed state).
 */
interface View extends AutoCloseable {

    /** The value of {@code key}, or null. */
    byte[] get(Column column, byte[] key);

    /** An unpositioned cursor; the caller closes it. */
    Cursor cursor(Column column);

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
            public Cursor cursor(Column column) {
                return Cursor.over(database.db().newIterator(database.handle(column), read));
            }

            @Override
            public void close() {
                read.close();
                database.db().releaseSnapshot(snapshot);
            }
        };
    }

    /**
     * A transaction's changes ({@code pending}) over the committed state. No snapshot: the transaction's thread is
     * the database's only writer, so what it reads does not change under it.
     */
    static View overPending(Database database, PendingWrites pending) {
        ReadOptions read = new ReadOptions();
        return new View() {
            @Override
            public byte[] get(Column column, byte[] key) {
                return pending.get(column, key, read);
            }

            @Override
            public Cursor cursor(Column column) {
                return pending.cursor(column,
                        Cursor.over(database.db().newIterator(database.handle(column), read)));
            }

            @Override
            public void close() {
                read.close();
            }
        };
    }
}
