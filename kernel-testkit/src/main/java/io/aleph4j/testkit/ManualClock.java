package io.aleph4j.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that moves only when the test moves it: give it to a node ({@code EmbeddedNode.builder().clock(...)}) and
 * every time-dependent decision of the kernel and its plugins (grace periods, expiries, receive times) follows it,
 * so that a test of "a day later" takes no day, and no wall-clock sleep. Thread-safe.
 */
public final class ManualClock extends Clock {

    /** Shared with the clock's views in other zones, so that they move together. */
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public ManualClock(Instant start) {
        this(new AtomicReference<>(Objects.requireNonNull(start, "start")), ZoneOffset.UTC);
    }

    private ManualClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** A clock starting at the system's present time. */
    public static ManualClock startingNow() {
        return new ManualClock(Instant.now());
    }

    /** Moves the clock forward by {@code amount}. */
    public void advance(Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("a clock goes forward, not by " + amount);
        }
        now.updateAndGet(instant -> instant.plus(amount));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId other) {
        return new ManualClock(now, other);
    }
}
