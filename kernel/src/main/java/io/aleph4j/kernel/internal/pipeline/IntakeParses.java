package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.message.ItemHash;
import io.aleph4j.kernel.protocol.ParsedContent;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Inline contents the intake parsed, handed to the pipeline so that a message's content is parsed once on its way
 * in. Keyed by item hash, which the intake checked to be the sha256 of that very content, so the pipeline may use
 * the parse for any inbox entry with that hash. Bounded: past {@link #CAPACITY} held parses (a pipeline far
 * behind, a burst), the intake hands nothing over and the pipeline parses again; after a restart or in a replay
 * nothing is held and the pipeline parses what it reads. The bound is a few times the pipeline's window, not more:
 * parses held for long outlive the young generation, and with 16,384 of them a 20,000-message burst spent twice the
 * GC time it saved in parsing (PipelineThroughputBenchmark with {@code -prof gc}, docs/benchmarks.md).
 */
@Singleton
public final class IntakeParses {

    static final int CAPACITY = 2_048;

    private final ConcurrentHashMap<ItemHash, ParsedContent> parses = new ConcurrentHashMap<>();
    private final AtomicInteger size = new AtomicInteger();

    /** Offers a parse for the pipeline; dropped when the hand-off is full. */
    void offer(ItemHash hash, ParsedContent parsed) {
        if (size.incrementAndGet() > CAPACITY || parses.putIfAbsent(hash, parsed) != null) {
            size.decrementAndGet();
        }
    }

    /** The parse of {@code hash}, removed; null when none was handed over. */
    ParsedContent take(ItemHash hash) {
        ParsedContent parsed = parses.remove(hash);
        if (parsed != null) {
            size.decrementAndGet();
        }
        return parsed;
    }

    /** Drops every held parse (a replay starts from the log alone). */
    void clear() {
        parses.keySet().forEach(this::take);
    }

    int size() {
        return size.get();
    }
}
