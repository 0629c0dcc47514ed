package io.aleph4j.plugins.state.rocksdb;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Reuses results that are expensive to compute: a total that no counter answers (a filter on two criteria, a time
 * range...) is counted by reading the matches, and the address stats of every sender are read from all the senders'
 * counters. One that took at least {@link #EXPENSIVE_NANOS} is reused for {@link #TTL_NANOS}, so such a result may
 * lag the state by that long; cheap ones are always exact. Only queries of the committed state use it: a transaction
 * must see its own writes.
 */
final class ResultCache {

    static final long EXPENSIVE_NANOS = 10_000_000L;
    static final long TTL_NANOS = 10_000_000_000L;
    private static final int MAX_ENTRIES = 1_000;

    private record Counted(Object result, long computedAt) {
    }

    private final Map<Object, Counted> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, Counted> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The count of {@code key} (a query's name and arguments: values with equals), computed or reused. */
    long count(Object key, LongSupplier compute) {
        return reuse(key, compute::getAsLong);
    }

    /** The result of {@code key}, computed or reused; it must not be changed by its users. */
    @SuppressWarnings("unchecked")
    <T> T reuse(Object key, Supplier<T> compute) {
        long now = System.nanoTime();
        synchronized (entries) {
            Counted cached = entries.get(key);
            if (cached != null && now - cached.computedAt() < TTL_NANOS) {
                return (T) cached.result();
            }
        }
        T result = compute.get();
        long done = System.nanoTime();
        if (done - now >= EXPENSIVE_NANOS) {
            synchronized (entries) {
                entries.put(key, new Counted(result, done));
            }
        }
        return result;
    }

    void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
