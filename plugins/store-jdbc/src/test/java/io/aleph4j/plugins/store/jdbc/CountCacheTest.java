package io.aleph4j.plugins.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class CountCacheTest {

    private final CountCache cache = new CountCache();

    @Test
    void aCheapCountIsComputedEveryTimeSoItIsAlwaysExact() {
        AtomicLong rows = new AtomicLong(5);

        assertThat(cache.count("SELECT COUNT(*) FROM t", List.of(), rows::get)).isEqualTo(5);
        rows.set(6);

        assertThat(cache.count("SELECT COUNT(*) FROM t", List.of(), rows::get)).isEqualTo(6);
    }

    @Test
    void anExpensiveCountIsReusedForTheSameQueryAndParametersOnly() {
        AtomicLong rows = new AtomicLong(1_000);
        java.util.function.LongSupplier slowCount = () -> {
            sleepMillis(15);
            return rows.get();
        };

        assertThat(cache.count("SELECT COUNT(*) FROM t WHERE a = ?", List.of("x"), slowCount)).isEqualTo(1_000);
        rows.set(1_001);

        assertThat(cache.count("SELECT COUNT(*) FROM t WHERE a = ?", List.of("x"), slowCount)).isEqualTo(1_000);
        assertThat(cache.count("SELECT COUNT(*) FROM t WHERE a = ?", List.of("y"), slowCount)).isEqualTo(1_001);
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
