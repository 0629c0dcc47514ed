package io.aleph4j.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The highest heap use and resident set size this JVM reached since the last {@link #reset()}, sampled every
 * 200 ms on a daemon thread. Heap use is what the collector reports between collections (so it includes garbage
 * not yet collected); the RSS ({@code VmRSS} in {@code /proc/self/status}) includes native memory: a state
 * store's block cache and memtables, the log's mapped pages that are resident.
 */
final class MemoryWatch implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 200;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong maxHeap = new AtomicLong();
    private final AtomicLong maxResident = new AtomicLong();
    private final AtomicLong maxAnonymous = new AtomicLong();
    private final Thread sampler;

    MemoryWatch() {
        sampler = Thread.ofPlatform().daemon().name("memory-watch").start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sample();
                try {
                    Thread.sleep(SAMPLE_MILLIS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
    }

    void reset() {
        maxHeap.set(0);
        maxResident.set(0);
        maxAnonymous.set(0);
        sample();
    }

    /** "heap max 412 MiB (of 1,024), RSS max 1,310 MiB" for the span since the last reset. */
    String summary() {
        sample();
        return String.format("heap max %,d MiB (limit %,d), RSS max %,d MiB (anonymous %,d MiB; the rest is mapped"
                + " files: the log's cycles and the stores' files, which the kernel may drop)", maxHeap.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20, maxResident.get() >> 20, maxAnonymous.get() >> 20);
    }

    private void sample() {
        maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        maxResident.accumulateAndGet(statusBytes("VmRSS:"), Math::max);
        maxAnonymous.accumulateAndGet(statusBytes("RssAnon:"), Math::max);
    }

    private static long statusBytes(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
