package io.aleph4j.plugins.state.jdbc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Reuses totals that are expensive to count. A page's total ({@code pagination_total}) over a broad filter
 * is a COUNT over most of the table (tens to hundreds of ms on a million messages); the reference node caches
 * such counts too. A count that took at least {@link #EXPENSIVE_NANOS} is reused for {@link #TTL_NANOS}, so a
 * total may lag the state by that long; cheap counts are always exact.
 */
final class CountCache {

    static final long EXPENSIVE_NANOS = 10_000_000L;
    static final long TTL_NANOS = 10_000_000_000L;
    private static final int MAX_ENTRIES = 1_000;

    private record Key(String sql, List<Object> parameters) {
    }

    private record Counted(long count, long computedAt) {
    }

    /** Nanoseconds from a fixed origin: {@link System#nanoTime()}, or a test's ticker. */
    private final LongSupplier ticker;

    CountCache() {
        this(System::nanoTime);
    }

    CountCache(LongSupplier ticker) {
        this.ticker = ticker;
    }

    private final Map<Key, Counted> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Counted> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    long count(String sql, List<Object> parameters, LongSupplier compute) {
        Key key = new Key(sql, List.copyOf(parameters));
        long now = ticker.getAsLong();
        synchronized (entries) {
            Counted cached = entries.get(key);
            if (cached != null && now - cached.computedAt() < TTL_NANOS) {
                return cached.count();
            }
        }
        long count = compute.getAsLong();
        long done = ticker.getAsLong();
        if (done - now >= EXPENSIVE_NANOS) {
            synchronized (entries) {
                entries.put(key, new Counted(count, done));
            }
        }
        return count;
    }
}
