package io.aleph4j.plugins.state.rocksdb;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.config.ConfigKey;
import io.aleph4j.api.config.PluginConfig;
import io.aleph4j.api.state.StateStore;
import java.nio.file.Path;
import java.util.List;

/** Contributes the node's {@link StateStore} on a RocksDB database. */
public final class StateRocksdbPlugin implements AlephPlugin {

    static final ConfigKey<String> DIRECTORY = ConfigKey.string("directory", "",
            "the database's directory; empty for state-rocksdb in the plugin's data directory");
    // 256 MiB of write buffers, not 128: each of the ~17 families flushes its share, so the buffers set the size of
    // the files level 0 compacts into the level below, and an index family's random keys make each such compaction
    // rewrite most of that level; twice the buffers cut what compactions wrote from 1 M to 10 M stored by 40 %
    // (docs/benchmarks.md, seventh session). The cache grows by as much, since the buffers are charged to it.
    static final ConfigKey<Integer> CACHE_MIB = ConfigKey.integer("cache-mib", 384,
            "the block cache in MiB: the write buffers (charged to it), the hot part of the data, and every index "
                    + "and filter block");
    static final ConfigKey<Integer> WRITE_BUFFER_MIB = ConfigKey.integer("write-buffer-mib", 256,
            "the memory in MiB that the write buffers of all column families share, counted in the cache");

    static final ConfigKey<Boolean> WRITE_AHEAD_LOG = ConfigKey.bool("write-ahead-log", true,
            "whether commits also go through RocksDB's write-ahead log (a process crash then loses nothing "
                    + "committed); without it a third fewer bytes are written and a crash drops the commits since "
                    + "the last flush, which the pipeline replays from the message log");

    private RocksdbStateStore store;

    @Override
    public List<ConfigKey<?>> configKeys() {
        return List.of(DIRECTORY, CACHE_MIB, WRITE_BUFFER_MIB, WRITE_AHEAD_LOG);
    }

    @Override
    public void register(Registrar registrar) {
        // The store is an instance, not a class for the node to build: its database opens at start and closes at
        // stop, the entry's lifecycle, so the entry keeps it.
        PluginConfig config = registrar.context().config();
        String configured = config.get(DIRECTORY);
        Path directory = configured.isEmpty() ? registrar.context().dataDirectory().resolve("state-rocksdb")
                : Path.of(configured);
        store = new RocksdbStateStore("state-rocksdb", directory, mebibytes(CACHE_MIB, config.get(CACHE_MIB)),
                mebibytes(WRITE_BUFFER_MIB, config.get(WRITE_BUFFER_MIB)), config.get(WRITE_AHEAD_LOG));
        registrar.extension(StateStore.class, store);
    }

    private static long mebibytes(ConfigKey<Integer> key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(key.name() + " must be at least 1 (MiB), not " + value);
        }
        return value * 1024L * 1024L;
    }

    /** The store this plugin registered (null before registration), e.g. for a tool that reports what it wrote. */
    public RocksdbStateStore store() {
        return store;
    }

    @Override
    public void start(NodeContext context) {
        store.open();
    }

    @Override
    public void stop() {
        store.close();
    }
}
