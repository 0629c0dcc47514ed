package io.aleph4j.kernel.internal.content;

import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateQueries;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The content garbage collector. The state decides what is pinned: a file a processed STORE message references
 * ({@link StateQueries#fileReferences}), and the content of a non-inline message that is pending or processed.
 * Everything else a content store lists is deleted once it is older than the grace period, counted from its last
 * write, or from the forget of a file's last STORE ({@link ContentPins} unpins it then); so an upload without a
 * message, or a file whose last STORE was forgotten, stays that long. Because the
 * pins are the state, they need no bookkeeping of their own and are exactly as durable and replayable as it is.
 */
public final class ContentCollector implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ContentCollector.class);

    /** What one run did. */
    public record Run(long kept, long deleted) {
    }

    private final List<ContentStore> stores;
    private final StateQueries state;
    private final Duration gracePeriod;
    private final Clock clock;
    private final ScheduledExecutorService schedule;
    private final AtomicLong passes = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();

    public ContentCollector(List<ContentStore> stores, StateQueries state, Duration gracePeriod, Clock clock) {
        this.stores = List.copyOf(stores);
        this.state = state;
        this.gracePeriod = gracePeriod;
        this.clock = clock;
        this.schedule = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("aleph4j-content-collector").daemon().factory());
    }

    /** Runs the collector every {@code period}, the first time one period from now. */
    public void start(Duration period) {
        schedule.scheduleWithFixedDelay(this::runLogged, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One pass over every store. */
    public Run collect() throws IOException {
        Instant collectable = clock.instant().minus(gracePeriod);
        long[] counts = new long[2];
        for (ContentStore store : stores) {
            try {
                store.visitItems(item -> {
                    // The delete skips an item written since it was listed: an upload of the same bytes while the
                    // collector runs keeps them.
                    if (!item.storedAt().isBefore(collectable) || isPinned(state, item.hash())
                            || !store.delete(item.hash(), collectable)) {
                        counts[0]++;
                    } else {
                        counts[1]++;
                        LOG.debug("deleted unpinned content {} ({} bytes) from {}", item.hash(), item.size(),
                                store.extensionName());
                    }
                    return true;
                });
            } catch (IOException | RuntimeException e) {
                LOG.warn("content collector could not go through {}; the other stores are collected",
                        store.extensionName(), e);
            }
        }
        passes.incrementAndGet();
        deleted.addAndGet(counts[1]);
        return new Run(counts[0], counts[1]);
    }

    /** How many passes have completed since the node started (tests wait for passes, not for time). */
    public long passes() {
        return passes.get();
    }

    /** How many items the passes deleted since the node started. */
    public long deleted() {
        return deleted.get();
    }

    /**
     * Whether the state keeps {@code hash}: a processed STORE references it, or it is the content of a message that
     * is pending or processed.
     */
    static boolean isPinned(StateQueries state, ItemHash hash) {
        if (!state.fileReferences(hash).isEmpty()) {
            return true;
        }
        Optional<MessageRecord> message = state.message(hash);
        return message.isPresent() && (message.get().status() == MessageStatus.PENDING
                || message.get().status() == MessageStatus.PROCESSED);
    }

    private void runLogged() {
        try {
            Run run = collect();
            if (run.deleted() > 0) {
                LOG.info("content collector deleted {} unpinned items, kept {}", run.deleted(), run.kept());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("content collector run failed; the next run tries again", e);
        }
    }

    @Override
    public void close() {
        schedule.shutdownNow();
    }
}
