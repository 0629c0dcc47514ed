package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.state.StateQueries;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.api.state.StateTransaction;
import io.aleph4j.plugins.support.KnownHashes;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Stream;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * A {@link StateStore} on RocksDB. One write transaction at a time (the pipeline's applying thread), written as one
 * batch with the applied inbox index; queries on any number of threads, each on a snapshot of the committed state.
 * Opening and closing the database (start, stop, {@link #reset()}) waits for running queries and commits; they
 * wait for it.
 */
public final class RocksdbStateStore implements StateStore, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RocksdbStateStore.class.getName());
    private static final byte[] APPLIED_INDEX = "applied_inbox_index".getBytes(StandardCharsets.UTF_8);
    private static final byte[] FORMAT = "format".getBytes(StandardCharsets.UTF_8);
    /** 2: item hashes in keys as 32 bytes, not 64 hex characters ({@link KeyWriter#hash}). */
    private static final long FORMAT_VERSION = 2;
    /** The smallest filter of stored hashes (80 KiB): a store's first hashes need not trigger rebuilds. */
    private static final long SMALLEST_HASH_FILTER = 1 << 16;

    private final String name;
    private final Path directory;
    private final long cacheBytes;
    private final long writeBufferBytes;
    private final boolean writeAheadLog;
    /** Readers: queries and commits. Writer: opening, closing, resetting the database. */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final ResultCache counts = new ResultCache();
    private final StateQueries queries;
    private volatile Database database;
    private volatile long appliedInboxIndex = -1;
    /** The open write transaction, if any; guarded by {@code this}. */
    private Writes writing;
    /**
     * The item hashes of the stored messages, and of the stored posts, in front of the writer's lookups; guarded by
     * {@code this}. Each is read from the database at the first transaction after opening or resetting it, and
     * grows by itself from there.
     */
    private KnownHashes knownMessages;
    private KnownHashes knownPosts;

    /**
     * @param directory        the database's directory, created when missing
     * @param cacheBytes       the block cache: the hot part of the data, indexes and filters
     * @param writeBufferBytes the memory the write buffers (memtables) of all column families share
     */
    public RocksdbStateStore(String name, Path directory, long cacheBytes, long writeBufferBytes) {
        this(name, directory, cacheBytes, writeBufferBytes, true);
    }

    /**
     * @param writeAheadLog whether commits go through RocksDB's write-ahead log: with it a process crash loses
     *                      nothing committed; without it (a third fewer bytes written, a fifth less of the applying
     *                      thread's CPU at 1 M stored) a crash drops the commits since the last flush, and the
     *                      pipeline replays them from the message log
     */
    public RocksdbStateStore(String name, Path directory, long cacheBytes, long writeBufferBytes,
                             boolean writeAheadLog) {
        this.name = Objects.requireNonNull(name, "name");
        this.directory = Objects.requireNonNull(directory, "directory");
        if (cacheBytes < 1 << 20 || writeBufferBytes < 1 << 20) {
            throw new IllegalArgumentException("the cache and the write buffers need at least 1 MiB each, not "
                    + cacheBytes + " and " + writeBufferBytes + " bytes");
        }
        this.cacheBytes = cacheBytes;
        this.writeBufferBytes = writeBufferBytes;
        this.writeAheadLog = writeAheadLog;
        this.queries = snapshotQueries();
    }

    /** Opens the database (creating it when missing) and reads the applied index. */
    public void open() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            if (database == null) {
                database = openDatabase();
            }
        } finally {
            write.unlock();
        }
    }

    private Database openDatabase() {
        Database opened;
        try {
            opened = Database.open(directory, cacheBytes, writeBufferBytes, writeAheadLog);
        } catch (RocksDBException e) {
            throw new StoreException(name + " could not open its database in " + directory + ": " + e.getMessage(), e);
        }
        try {
            byte[] format = opened.db().get(FORMAT);
            if (format == null) {
                opened.db().put(opened.writeOptions(), FORMAT, Counters.encode(FORMAT_VERSION));
            } else if (Counters.decode(format) != FORMAT_VERSION) {
                throw new IllegalStateException(name + ": the database in " + directory + " has format "
                        + Counters.decode(format) + ", which this version (format " + FORMAT_VERSION
                        + ") cannot read; use the plugin version that wrote it, or delete the directory and replay");
            }
            byte[] applied = opened.db().get(APPLIED_INDEX);
            appliedInboxIndex = applied == null ? -1 : Counters.decode(applied);
            return opened;
        } catch (RocksDBException | RuntimeException e) {
            opened.close();
            throw e instanceof RocksDBException db ? new StoreException(name + " could not read its database", db)
                    : (RuntimeException) e;
        }
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
     * Opens the one write transaction. The kernel's applying thread is its only user; a second transaction while one
     * is open is a bug and refused.
     */
    @Override
    public synchronized StateTransaction begin() {
        Database db = requireOpen();
        if (writing != null) {
            throw new IllegalStateException(name + " already has an open write transaction; close it first");
        }
        if (knownMessages == null) {
            knownMessages = readKnownHashes(db, Column.MESSAGE_TIMES);
            knownPosts = readKnownHashes(db, Column.POST_TIMES);
        }
        writing = new Writes(db, new PendingWrites(db), knownMessages, knownPosts, new Writes.Ending() {
            @Override
            public void commit(Writes transaction, long throughInboxIndex) {
                commitWrites(db, transaction, throughInboxIndex);
            }

            @Override
            public void end(Writes transaction) {
                endWrites(transaction);
            }
        });
        return writing;
    }

    /**
     * A filter of the hashes stored in {@code hashKeyed}, sized for twice as many as RocksDB estimates it holds (the
     * filter grows by itself if the estimate was low, and as the store grows).
     */
    private static KnownHashes readKnownHashes(Database db, Column hashKeyed) {
        KnownHashes known = KnownHashes.forStored(db.estimatedKeys(hashKeyed), SMALLEST_HASH_FILTER);
        try (View view = View.snapshot(db); Cursor keys = view.cursor(hashKeyed)) {
            for (keys.seekToFirst(); keys.isValid(); keys.next()) {
                known.add(new KeyReader(keys.key()).hash());
            }
        }
        return known;
    }

    private void commitWrites(Database db, Writes transaction, long throughInboxIndex) {
        if (throughInboxIndex < appliedInboxIndex) {
            throw new IllegalArgumentException("inbox index " + throughInboxIndex + " is behind the applied index "
                    + appliedInboxIndex);
        }
        Lock read = lock.readLock();
        read.lock();
        try {
            if (database != db) {
                throw new IllegalStateException(name + " was closed or reset while a transaction was open");
            }
            WriteBatch batch = transaction.pending().batch();
            // Each counter changed by the transaction is read once and written once: the pipeline is the only writer.
            // In key order, as the batch's other families (PendingWrites).
            List<Map.Entry<Bytes, Long>> counters = new ArrayList<>(transaction.counterChanges().entrySet());
            counters.sort(Map.Entry.comparingByKey());
            for (Map.Entry<Bytes, Long> change : counters) {
                if (change.getValue() == 0) {
                    continue;
                }
                byte[] key = change.getKey().value();
                long count = Counters.decode(db.db().get(db.handle(Column.COUNTERS), key)) + change.getValue();
                if (count == 0) {
                    batch.delete(db.handle(Column.COUNTERS), key);
                } else {
                    batch.put(db.handle(Column.COUNTERS), key, Counters.encode(count));
                }
            }
            batch.put(APPLIED_INDEX, Counters.encode(throughInboxIndex));
            db.db().write(db.writeOptions(), batch);
            appliedInboxIndex = throughInboxIndex;
        } catch (RocksDBException e) {
            throw new StoreException(name + " could not commit state through inbox index " + throughInboxIndex
                    + ": " + e.getMessage(), e);
        } finally {
            read.unlock();
        }
    }

    private synchronized void endWrites(Writes transaction) {
        transaction.release();
        if (writing == transaction) {
            writing = null;
        }
    }

    @Override
    public StateQueries queries() {
        return queries;
    }

    /** Drops all state: the database is closed, its directory deleted and a new one opened. */
    @Override
    public void reset() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            requireOpen();
            database.close();
            database = null;
            deleteDirectory();
            synchronized (this) {
                knownMessages = null;
                knownPosts = null;
            }
            appliedInboxIndex = -1;
            counts.clear();
            database = openDatabase();
        } finally {
            write.unlock();
        }
    }

    private void deleteDirectory() {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new StoreException(name + " could not delete its database in " + directory + ": " + e.getMessage(),
                    e);
        }
    }

    @Override
    public void close() {
        Lock write = lock.writeLock();
        write.lock();
        try {
            Database db = database;
            if (db == null) {
                return;
            }
            database = null;
            Written written = db.written();
            LOG.log(System.Logger.Level.DEBUG, () -> name + " wrote " + written.total() + " bytes since it opened: "
                    + written.log() + " to its log, " + written.flushes() + " in flushes, " + written.compactions()
                    + " in compactions");
            db.close();
        } finally {
            write.unlock();
        }
    }

    /** Writes the memtables to disk now (tests: what a crash without the write-ahead log keeps). */
    void flush() {
        try {
            requireOpen().flush();
        } catch (RocksDBException e) {
            throw new StoreException(name + " could not flush: " + e.getMessage(), e);
        }
    }

    /** What RocksDB wrote since the database opened (its log, flushes, compactions); for measurements. */
    public Written written() {
        return requireOpen().written();
    }

    /** A RocksDB property of the open database ({@code rocksdb.stats}...), for measurements. */
    public String property(String propertyName) {
        return requireOpen().property(propertyName);
    }

    /** A RocksDB map property of each column family ({@code rocksdb.cfstats}...), by family; for measurements. */
    public Map<String, Map<String, String>> familyMapProperty(String propertyName) {
        return requireOpen().familyMapProperty(propertyName);
    }

    /** How many keys one column family holds in the committed state, counted one by one: for tests. */
    long keysIn(Column column) {
        long keys = 0;
        try (View view = View.snapshot(requireOpen()); Cursor cursor = view.cursor(column)) {
            for (cursor.seekToFirst(); cursor.isValid(); cursor.next()) {
                keys++;
            }
        }
        return keys;
    }

    /**
     * Bytes RocksDB wrote since the database opened.
     *
     * @param log         to its write-ahead log
     * @param flushes     memtables flushed to level 0
     * @param compactions files rewritten by compactions
     */
    public record Written(long log, long flushes, long compactions) {
        public long total() {
            return log + flushes + compactions;
        }
    }

    private Database requireOpen() {
        Database db = database;
        if (db == null) {
            throw new IllegalStateException(name + " is not open: its plugin has not started, or has stopped");
        }
        return db;
    }

    /**
     * Queries that each read one snapshot of the committed state. A proxy keeps the snapshot's opening and closing in
     * one place instead of in each of the query methods.
     */
    private StateQueries snapshotQueries() {
        InvocationHandler handler = (proxy, method, arguments) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.invoke(this, arguments);
            }
            Lock read = lock.readLock();
            read.lock();
            try (View view = View.snapshot(requireOpen())) {
                return method.invoke(new Reads(view, counts), arguments);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                read.unlock();
            }
        };
        return (StateQueries) Proxy.newProxyInstance(StateQueries.class.getClassLoader(),
                new Class<?>[] {StateQueries.class}, handler);
    }
}
