package io.aleph4j.benchmarks;

import io.aleph4j.api.AlephPlugin;
import io.aleph4j.api.NodeContext;
import io.aleph4j.api.Registrar;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.plugins.state.rocksdb.RocksdbStateStore;

/**
 * state-rocksdb as its plugin configures it by default (its directory in the plugin's data directory, a 256 MiB
 * cache, 128 MiB of write buffers), with the store at hand so that the load test can read what RocksDB wrote.
 * Registered under the plugin's own id, so that it opens the same directory the plugin would.
 */
final class MeasuredRocksdbPlugin implements AlephPlugin {

    private RocksdbStateStore store;

    @Override
    public void register(Registrar registrar) {
        store = new RocksdbStateStore("state-rocksdb", registrar.context().dataDirectory().resolve("state-rocksdb"),
                256L << 20, 128L << 20);
        registrar.extension(StateStore.class, store);
    }

    @Override
    public void start(NodeContext context) {
        store.open();
    }

    @Override
    public void stop() {
        store.close();
    }

    RocksdbStateStore store() {
        return store;
    }
}
