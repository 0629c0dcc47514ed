package io.aleph4j.kernel.internal.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

final class CachedValueTest {

    private final AtomicLong version = new AtomicLong();
    private final AtomicInteger computed = new AtomicInteger();

    @Test
    void aValueIsComputedAgainOnlyWhenItsSourceChanged() {
        CachedValue<Integer> value = new CachedValue<>(Duration.ZERO, Duration.ofHours(1), version::get,
                computed::incrementAndGet);

        assertThat(value.get()).isEqualTo(1);
        assertThat(value.get()).isEqualTo(1);
        version.incrementAndGet();
        assertThat(value.get()).isEqualTo(2);
        assertThat(value.get()).isEqualTo(2);
    }

    @Test
    void aChangeWithinTheMinimumAgeWaitsForIt() {
        CachedValue<Integer> value = new CachedValue<>(Duration.ofHours(1), Duration.ofHours(2), version::get,
                computed::incrementAndGet);

        assertThat(value.get()).isEqualTo(1);
        version.incrementAndGet();
        assertThat(value.get()).isEqualTo(1);
    }

    @Test
    void aValueOlderThanTheMaximumAgeIsComputedAgainWithoutAChange() {
        CachedValue<Integer> value = new CachedValue<>(Duration.ZERO, Duration.ZERO, version::get,
                computed::incrementAndGet);

        assertThat(value.get()).isEqualTo(1);
        assertThat(value.get()).isEqualTo(2);
    }
}
