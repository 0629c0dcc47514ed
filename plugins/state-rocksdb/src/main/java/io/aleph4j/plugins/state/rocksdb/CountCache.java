package io.aleph4j.plugins.state.rocksdb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reuses totals that are expensive to count: a total that no counter answers (a filter on two criteria, a time
 * range...) is counted by reading the matches. One that took at least {@link #EXPENSIVE_NANOS} is reused for
 * {@link #TTL_NANOS}, so such a total may lag the state by that long; cheap counts are always exact. Only queries of
 * the committed state use it: a transaction must see its own writes.
 */
final class CountCache {

    static final long EXPENSIVE_NANOS = 10_000_000L;
    static final long TTL_NANOS = 10_000_000_000L;
    private static final int MAX_ENTRIES = 1_000;

    private record Counted(long count, long computedAt) {
    }

    private final Map<Object, Counted> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Counted> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The count of {@code key} (a query's name and arguments: values with equals), computed or reused. */
    long count(Object key, LongSupplier compute) {
        long now = System.nanoTime();
        synchronized (entries) {
            Counted cached = entries.get(key);
            if (cached != null && now - cached.computedAt() < TTL_NANOS) {
                return cached.count();
            }
        }
        long count = compute.getAsLong();
        long done = System.nanoTime();
        if (done - now >= EXPENSIVE_NANOS) {
            synchronized (entries) {
                entries.put(key, new Counted(count, done));
            }
        }
        return count;
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
