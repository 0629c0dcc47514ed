package io.aleph4j.kernel.internal.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A value that costs queries to compute: computed again when what it is computed from changed (its source's
 * version, cheap to read, differs from the one it was computed at), but not more often than once per
 * {@code minimum}, and at least once per {@code maximum} in case something changed that the version does not show.
 */
public final class CachedValue<T> {

    private final long minimumNanos;
    private final long maximumNanos;
    private final Supplier<?> sourceVersion;
    private final Supplier<T> compute;
    private T value;
    private Object computedVersion;
    private long computedAt;

    public CachedValue(Duration minimum, Duration maximum, Supplier<?> sourceVersion, Supplier<T> compute) {
        this.minimumNanos = minimum.toNanos();
        this.maximumNanos = maximum.toNanos();
        this.sourceVersion = sourceVersion;
        this.compute = compute;
    }

    public synchronized T get() {
        long age = System.nanoTime() - computedAt;
        if (value == null || age >= maximumNanos) {
            recompute(sourceVersion.get());
        } else if (age >= minimumNanos) {
            Object version = sourceVersion.get();
            if (!Objects.equals(version, computedVersion)) {
                recompute(version);
            }
        }
        return value;
    }

    /** Computes from a state at least as new as {@code version}, read first: a change meanwhile shows next time. */
    private void recompute(Object version) {
        value = compute.get();
        computedVersion = version;
        computedAt = System.nanoTime();
    }
}
