package io.aleph4j.plugins.state.rocksdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.Cache;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.IndexType;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Statistics;
import org.rocksdb.StatsLevel;
import org.rocksdb.TickerType;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;

/**
 * An open RocksDB with the store's column families and options, and every native object they need, closed
 * together.
 *
 * <p>Options, and why: leveled compaction with dynamic level sizes (the least write amplification leveled compaction
 * has), eight files in level 0 before they compact and levels four times apart ({@link #family}); ZSTD compression; a
 * Bloom filter (10 bits a key) on the point-lookup families, so that looking up a message the store never saw (the
 * pipeline does it for every incoming message) costs no disk read; index and filter blocks in the block cache, so that
 * the cache size bounds the memory they take; a write buffer budget shared by every family ({@link
 * WriteBufferManager}); the write-ahead log on, written without fsync ({@link #writeOptions()}), or off.
 */
final class Database implements AutoCloseable {

    /**
     * With the write-ahead log, every commit is in it (a write system call) before the commit returns: a process crash
     * loses nothing committed. It is not fsynced: a power loss may drop the last commits, and the pipeline replays
     * them from the message log, which resumes after the applied index stored with them. Without it, a crash (of the
     * process or the machine) drops the commits since the last flush, replayed the same way: the flushes are atomic
     * across families, so the state on disk always matches its applied index.
     */
    private final WriteOptions write;

    private final RocksDB db;
    private final Map<Column, ColumnFamilyHandle> handles;
    private final List<AutoCloseable> natives;
    private final Statistics statistics;

    private final boolean writeAheadLog;

    private Database(RocksDB db, Map<Column, ColumnFamilyHandle> handles, List<AutoCloseable> natives,
                     Statistics statistics, boolean writeAheadLog) {
        this.db = db;
        this.handles = handles;
        this.natives = natives;
        this.statistics = statistics;
        this.writeAheadLog = writeAheadLog;
        this.write = new WriteOptions().setSync(false).setDisableWAL(!writeAheadLog);
        natives.add(write);
    }

    /** Opens (or creates) the database in {@code directory}. */
    static Database open(Path directory, long cacheBytes, long writeBufferBytes, boolean writeAheadLog)
            throws RocksDBException {
        RocksDB.loadLibrary();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the state directory " + directory + ": " + e.getMessage(), e);
        }
        List<AutoCloseable> natives = new ArrayList<>();
        Cache cache = track(natives, new LRUCache(cacheBytes));
        WriteBufferManager buffers = track(natives, new WriteBufferManager(writeBufferBytes, cache));
        Statistics statistics = track(natives, new Statistics());
        statistics.setStatsLevel(StatsLevel.EXCEPT_DETAILED_TIMERS);
        DBOptions options = track(natives, new DBOptions()
                .setCreateIfMissing(true)
                .setCreateMissingColumnFamilies(true)
                // Without a log, every flush writes all families together, so that what is on disk is always one
                // commit's state: the state and its applied index, whole.
                .setAtomicFlush(!writeAheadLog)
                .setWriteBufferManager(buffers)
                .setMaxTotalWalSize(2 * writeBufferBytes)
                .setMaxBackgroundJobs(2)
                .setBytesPerSync(1 << 20)
                .setStatistics(statistics)
                .setInfoLogLevel(InfoLogLevel.WARN_LEVEL)
                .setKeepLogFileNum(2)
                .setMaxLogFileSize(8 << 20));
        ColumnFamilyOptions point = track(natives, family(natives, cache, writeBufferBytes, true));
        ColumnFamilyOptions range = track(natives, family(natives, cache, writeBufferBytes, false));
        List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
        for (Column column : Column.values()) {
            descriptors.add(new ColumnFamilyDescriptor(column.familyName(),
                    column.lookup() == Column.Lookup.POINT ? point : range));
        }
        List<ColumnFamilyHandle> opened = new ArrayList<>();
        RocksDB db;
        try {
            db = RocksDB.open(options, directory.toString(), descriptors, opened);
        } catch (RocksDBException e) {
            closeAll(natives);
            throw e;
        }
        Map<Column, ColumnFamilyHandle> handles = new EnumMap<>(Column.class);
        for (int i = 0; i < opened.size(); i++) {
            handles.put(Column.values()[i], opened.get(i));
        }
        return new Database(db, handles, natives, statistics, writeAheadLog);
    }

    private static ColumnFamilyOptions family(List<AutoCloseable> natives, Cache cache, long writeBufferBytes,
                                              boolean pointLookups) {
        // Index and filter partitioned, with only their top levels pinned in the cache: a file's whole filter or
        // index is megabytes, and once data blocks had pushed them out of the cache every lookup of a new hash read
        // them again (a quarter of the applying thread's time at a million messages stored: docs/benchmarks.md);
        // a partition is 4 KiB, and only the ones a lookup needs are read.
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(cache)
                .setBlockSize(16 * 1024)
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setIndexType(IndexType.kTwoLevelIndexSearch)
                .setPartitionFilters(pointLookups)
                .setMetadataBlockSize(4096)
                .setPinTopLevelIndexAndFilter(true)
                .setPinL0FilterAndIndexBlocksInCache(true);
        if (pointLookups) {
            table.setFilterPolicy(track(natives, new BloomFilter(10, false)));
        }
        return new ColumnFamilyOptions()
                .setTableFormatConfig(table)
                // ZSTD at every level, chosen when the keys held item hashes as hex, which LZ4 could not shrink and
                // ZSTD's entropy coding halved (since format 2 they are bytes, which neither shrinks; the rest of a
                // key and the values still compress); what a flush or compaction writes is what the disk takes. Its
                // level 1, not its default 3: compressing was 40 % of the compaction threads' time, which shares the
                // cores with the pipeline (docs/benchmarks.md).
                .setCompressionType(CompressionType.ZSTD_COMPRESSION)
                .setCompressionOptions(track(natives, new CompressionOptions().setLevel(1)))
                .setLevelCompactionDynamicLevelBytes(true)
                // An index family's keys arrive in random order, so each compaction out of level 0 rewrites nearly
                // all of the level below it: the fewer and larger those compactions, the less is rewritten (level 0
                // compacts once 8 files wait, not 4), and the smaller that level next to the last, the less each
                // rewrites (4 times smaller per level, not 10). Compactions wrote half as much from 1 M to 3 M
                // messages (docs/benchmarks.md); a range scan merges a few more files.
                .setLevel0FileNumCompactionTrigger(8)
                .setMaxBytesForLevelMultiplier(4)
                .setWriteBufferSize(Math.max(4 << 20, writeBufferBytes / 2));
    }

    private static <T extends AutoCloseable> T track(List<AutoCloseable> natives, T object) {
        natives.add(object);
        return object;
    }

    RocksDB db() {
        return db;
    }

    /** How commits are written: see {@link #write}. */
    WriteOptions writeOptions() {
        return write;
    }

    ColumnFamilyHandle handle(Column column) {
        return handles.get(column);
    }

    /** What RocksDB wrote since it opened: its write-ahead log, flushes and compactions, in bytes. */
    RocksdbStateStore.Written written() {
        return new RocksdbStateStore.Written(statistics.getTickerCount(TickerType.WAL_FILE_BYTES),
                statistics.getTickerCount(TickerType.FLUSH_WRITE_BYTES),
                statistics.getTickerCount(TickerType.COMPACT_WRITE_BYTES));
    }

    String property(String name) {
        try {
            return db.getProperty(name);
        } catch (RocksDBException e) {
            return "";
        }
    }

    /** A map property of each column family ({@code rocksdb.cfstats}: compaction figures by level), by family. */
    Map<String, Map<String, String>> familyMapProperty(String name) {
        Map<String, Map<String, String>> byFamily = new LinkedHashMap<>();
        for (Column column : Column.values()) {
            try {
                byFamily.put(new String(column.familyName(), StandardCharsets.UTF_8),
                        db.getMapProperty(handle(column), name));
            } catch (RocksDBException e) {
                byFamily.put(new String(column.familyName(), StandardCharsets.UTF_8), Map.of());
            }
        }
        return byFamily;
    }

    /** RocksDB's estimate of how many keys {@code column} holds (0 when it has none to give). */
    long estimatedKeys(Column column) {
        try {
            return db.getLongProperty(handle(column), "rocksdb.estimate-num-keys");
        } catch (RocksDBException e) {
            return 0;
        }
    }

    /** Writes every family's memtable to disk, together; the state on disk is then the last commit's. */
    void flush() throws RocksDBException {
        try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
            db.flush(options, List.copyOf(handles.values()));
        }
    }

    @Override
    public void close() {
        if (!writeAheadLog) {
            try {
                flush();
            } catch (RocksDBException e) {
                // The next start replays from the applied index on disk.
            }
        }
        handles.values().forEach(ColumnFamilyHandle::close);
        db.close();
        closeAll(natives);
    }

    private static void closeAll(List<AutoCloseable> natives) {
        for (AutoCloseable object : natives.reversed()) {
            try {
                object.close();
            } catch (Exception e) {
                // Native memory only; nothing else to do.
            }
        }
    }
}
