package io.aleph4j.plugins.state.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

final class CountCacheTest {

    /** The cache's clock: moved by the counts themselves and by the test, never by waiting. */
    private final AtomicLong nanos = new AtomicLong();
    private final CountCache cache = new CountCache(nanos::get);

    @Test
    void aCheapCountIsComputedEveryTimeSoItIsAlwaysExact() {
        AtomicLong rows = new AtomicLong(5);

        assertThat(cache.count("SELECT COUNT(*) FROM t", List.of(), counting(rows, 1_000))).isEqualTo(5);
        rows.set(6);

        assertThat(cache.count("SELECT COUNT(*) FROM t", List.of(), counting(rows, 1_000))).isEqualTo(6);
    }

    @Test
    void anExpensiveCountIsReusedForTheSameQueryAndParametersOnlyUntilItExpires() {
        AtomicLong rows = new AtomicLong(1_000);
        LongSupplier slowCount = counting(rows, CountCache.EXPENSIVE_NANOS);

        assertThat(cache.count("SELECT COUNT(*) FROM t WHERE a = ?", List.of("x"), slowCount)).isEqualTo(1_000);
        rows.set(1_001);

        assertThat(cache.count("SELECT COUNT(*) FROM t WHERE a = ?", List.of("x"), slowCount)).isEqualTo(1_000);
        assertThat(cache.count("SELECT COUNT(*) FROM t WHERE a = ?", List.of("y"), slowCount)).isEqualTo(1_001);
        nanos.addAndGet(CountCache.TTL_NANOS);
        assertThat(cache.count("SELECT COUNT(*) FROM t WHERE a = ?", List.of("x"), slowCount))
                .as("counted again once its time to live is over").isEqualTo(1_001);
    }

    /** A count of {@code rows} that takes {@code nanosToCount} on the cache's clock. */
    private LongSupplier counting(AtomicLong rows, long nanosToCount) {
        return () -> {
            nanos.addAndGet(nanosToCount);
            return rows.get();
        };
    }
}
