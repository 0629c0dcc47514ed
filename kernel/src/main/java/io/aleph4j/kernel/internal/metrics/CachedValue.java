package io.aleph4j.kernel.internal.metrics;

import java.time.Duration;
import java.util.function.Supplier;

/** A value computed at most once per period: for figures that cost a query to read. */
public final class CachedValue<T> {

    private final long periodNanos;
    private final Supplier<T> compute;
    private T value;
    private long computedAt;

    public CachedValue(Duration period, Supplier<T> compute) {
        this.periodNanos = period.toNanos();
        this.compute = compute;
    }

    public synchronized T get() {
        long now = System.nanoTime();
        if (value == null || now - computedAt >= periodNanos) {
            value = compute.get();
            computedAt = now;
        }
        return value;
    }
}
