package io.aleph4j.distribution.dev;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition that other processes make true, with a deadline that names what was awaited. */
final class Await {

    private Await() {
    }

    /** Looks at {@code condition} every {@code every} until it holds; fails after {@code wait}. */
    static void until(String what, Duration wait, Duration every, BooleanSupplier condition)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + wait + " for " + what);
            }
            Thread.sleep(every.toMillis());
        }
    }
}
