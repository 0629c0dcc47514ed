package io.aleph4j.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/** Items per second of a check run over {@code count} items split across threads, every item required to pass. */
final class ParallelRate {

    private ParallelRate() {
    }

    /** {@link #of(ExecutorService, int, int, String, IntPredicate)} on a pool of {@code threads} made for the run. */
    static double of(int count, int threads, String what, IntPredicate check) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            return of(pool, threads, count, what, check);
        }
    }

    /**
     * Runs {@code check} on items 0 to {@code count - 1} in {@code pool}, item {@code i} in part {@code i % threads},
     * and answers items per second from the first start to the last end.
     *
     * @throws IllegalStateException when the check fails on an item
     */
    static double of(ExecutorService pool, int threads, int count, String what, IntPredicate check) throws Exception {
        long started = System.nanoTime();
        List<Future<Integer>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int part = t;
            parts.add(pool.submit(() -> {
                int passed = 0;
                for (int i = part; i < count; i += threads) {
                    passed += check.test(i) ? 1 : 0;
                }
                return passed;
            }));
        }
        int passed = 0;
        for (Future<Integer> part : parts) {
            passed += part.get();
        }
        if (passed != count) {
            throw new IllegalStateException(what + ": " + (count - passed) + " of " + count + " items failed");
        }
        return count / ((System.nanoTime() - started) / 1e9);
    }
}
