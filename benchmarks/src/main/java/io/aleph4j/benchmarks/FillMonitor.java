package io.aleph4j.benchmarks;

import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.SortOrder;
import io.aleph4j.api.state.StateQueries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Watches a node's store fill up: every period, how many messages it holds, the rate since the last look, and the
 * bytes the process had written to disk per message since then (Linux's {@code /proc/self/io} {@code write_bytes}:
 * everything, the message log's appends and the store's writes, flushes and compactions alike, counted when the
 * pages are dirtied). An optional source adds the store's own account of what it wrote.
 */
final class FillMonitor implements AutoCloseable {

    /** One look: messages stored and bytes written so far, at a time. */
    record Sample(long nanos, long stored, long writtenBytes, String storeDetail) {
    }

    private final StateQueries state;
    private final Supplier<String> storeDetail;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    FillMonitor(StateQueries state, long periodMillis, Supplier<String> storeDetail) {
        this.state = state;
        this.storeDetail = storeDetail;
        samples.add(sample());
        thread = Thread.ofPlatform().daemon().name("fill-monitor").start(() -> {
            while (running) {
                try {
                    Thread.sleep(periodMillis);
                } catch (InterruptedException e) {
                    return;
                }
                if (running) {
                    look();
                }
            }
        });
    }

    private synchronized void look() {
        Sample last = samples.getLast();
        Sample now = sample();
        samples.add(now);
        long messages = now.stored() - last.stored();
        double seconds = (now.nanos() - last.nanos()) / 1e9;
        System.out.printf("fill: %,d stored; %,.0f messages/s and %,.0f bytes written per message over the last "
                + "%.0f s%s%n", now.stored(), messages / seconds,
                messages == 0 ? 0.0 : (now.writtenBytes() - last.writtenBytes()) / (double) messages, seconds,
                now.storeDetail().isEmpty() ? "" : "; store: " + now.storeDetail());
    }

    private Sample sample() {
        long stored = state.messages(MessageFilter.any(), PageRequest.first(1, SortOrder.DESCENDING)).total();
        return new Sample(System.nanoTime(), stored, writtenBytes(), storeDetail.get());
    }

    /** What this process has written to disk so far, or -1 where the kernel does not say. */
    static long writtenBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
                if (line.startsWith("write_bytes:")) {
                    return Long.parseLong(line.substring("write_bytes:".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // Not Linux, or no I/O accounting.
        }
        return -1;
    }

    /** Stops watching and prints the whole fill's figures, and those of its first and last tenth. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join();
        look();
        Sample first = samples.getFirst();
        Sample last = samples.getLast();
        long messages = last.stored() - first.stored();
        System.out.printf("fill: %,d messages in %.0f s (%,.0f/s); %,.0f bytes written per message by the process%n",
                messages, (last.nanos() - first.nanos()) / 1e9, messages / ((last.nanos() - first.nanos()) / 1e9),
                messages == 0 ? 0.0 : (last.writtenBytes() - first.writtenBytes()) / (double) messages);
        System.out.printf("fill: rate over the first tenth %,.0f/s, over the last tenth %,.0f/s%n",
                rateBetween(first.stored(), first.stored() + messages / 10),
                rateBetween(last.stored() - messages / 10, last.stored()));
    }

    /** The rate between the samples around two store sizes. */
    private double rateBetween(long from, long to) {
        Sample start = samples.getFirst();
        for (Sample sample : samples) {
            if (sample.stored() <= from) {
                start = sample;
            }
        }
        Sample end = samples.getLast();
        for (Sample sample : samples.reversed()) {
            if (sample.stored() >= to) {
                end = sample;
            }
        }
        return (end.stored() - start.stored()) / ((end.nanos() - start.nanos()) / 1e9);
    }
}
