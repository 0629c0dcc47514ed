package io.aleph4j.kernel.internal.content;

import io.aleph4j.api.content.ContentStore;
import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.FileReference;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.StateQueries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pins the file of every processed STORE message in the content stores that hold it, after the state that
 * references it is committed (it follows the events queue). For a store that keeps its own pins (an IPFS node) this
 * is what keeps the file there; content-fs needs no pin, since the {@link ContentCollector} reads references from
 * the state. Unpinning is the collector's: it deletes (for an IPFS store: unpins) what no processed message
 * references once the grace period has passed, which a forget of a file's last STORE restarts ({@code unpin}). A
 * pin that fails (the IPFS node down, a file it cannot fetch yet) is tried again every {@link #RETRY_EVERY} for a
 * day from its first failure, across restarts: the pins still owed are kept in a file ({@link PinsOwed}), since the
 * events queue that announced them has moved on.
 */
public final class ContentPins implements AutoCloseable {

    static final Duration RETRY_EVERY = Duration.ofMinutes(1);
    private static final Duration GIVE_UP_AFTER = Duration.ofDays(1);
    private static final int MAX_RETRIES_HELD = 100_000;

    /** A pin to try again. */
    private record Retry(ContentStore store, ItemHash file, ItemHash storeMessage, Instant firstFailed) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ContentPins.class);

    private final List<ContentStore> stores;
    private final StateQueries state;
    private final Clock clock;

    private final Queue<Retry> retries = new ConcurrentLinkedQueue<>();
    private final PinsOwed owed;
    /** What the file of owed pins holds now; guarded by {@code this}. */
    private Map<ItemHash, Instant> owedSaved = Map.of();
    private final ScheduledExecutorService retrier;

    /**
     * @param owedPins the file that keeps the failed pins across restarts
     * @param clock    when a pin first failed, and whether it is a day old
     */
    public ContentPins(List<ContentStore> stores, StateQueries state, Path owedPins, Clock clock) {
        this(stores, state, owedPins, clock, RETRY_EVERY);
    }

    ContentPins(List<ContentStore> stores, StateQueries state, Path owedPins, Clock clock, Duration retryEvery) {
        this.stores = List.copyOf(stores);
        this.state = state;
        this.clock = clock;
        this.owed = new PinsOwed(owedPins);
        resumeOwedPins();
        this.retrier = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("aleph4j-content-pins").daemon().factory());
        retrier.scheduleWithFixedDelay(this::retry, retryEvery.toMillis(), retryEvery.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** Called for each event, in order. Never throws: a store that fails to pin is logged and skipped. */
    public void onEvent(MessageEvent event) {
        if (event.status() == MessageStatus.FORGOTTEN) {
            unpinForgottenFile(event);
            return;
        }
        if (event.status() == MessageStatus.REJECTED) {
            discardRejectedFile(event);
            return;
        }
        if (event.status() != MessageStatus.PROCESSED) {
            return;
        }
        // Only a processed STORE makes a file reference: one read tells both.
        Optional<FileReference> reference = state.fileReference(event.itemHash());
        if (reference.isEmpty()) {
            return;
        }
        boolean failed = false;
        for (ContentStore store : stores) {
            Retry pin = new Retry(store, reference.get().fileHash(), event.itemHash(), clock.instant());
            if (!tryPin(pin) && retries.size() < MAX_RETRIES_HELD) {
                retries.add(pin);
                failed = true;
            }
        }
        if (failed) {
            saveOwed();
        }
    }

    /** Queues again the pins a previous run still owed (in every store: a pin that holds already is a no-op). */
    private void resumeOwedPins() {
        Map<ItemHash, Instant> previous;
        try {
            previous = owed.load();
        } catch (IOException e) {
            LOG.warn("could not read the pins owed by the previous run; they are not tried again", e);
            return;
        }
        previous.forEach((storeMessage, firstFailed) -> state.fileReference(storeMessage).ifPresent(reference -> {
            for (ContentStore store : stores) {
                retries.add(new Retry(store, reference.fileHash(), storeMessage, firstFailed));
            }
        }));
        if (!previous.isEmpty()) {
            LOG.info("{} pins owed by the previous run are tried again", previous.size());
        }
        // What is on disk already; rewritten only if some of it is no longer referenced.
        owedSaved = previous;
        saveOwed();
    }

    /** Writes the owed pins when they changed; a failure to write is logged (the retries in memory go on). */
    private synchronized void saveOwed() {
        Map<ItemHash, Instant> now = new LinkedHashMap<>();
        for (Retry retry : retries) {
            now.merge(retry.storeMessage(), retry.firstFailed(), (a, b) -> a.isBefore(b) ? a : b);
        }
        if (now.equals(owedSaved)) {
            return;
        }
        try {
            owed.save(now);
            owedSaved = now;
        } catch (IOException e) {
            LOG.warn("could not save the {} pins still owed; a restart would not try them again", now.size(), e);
        }
    }

    /**
     * When the last STORE referencing a file is forgotten, the stores hear of it ({@code unpin}): as on the
     * reference, the file's grace period starts now, not at its upload.
     */
    private void unpinForgottenFile(MessageEvent event) {
        Optional<MessageRecord> record = state.message(event.itemHash());
        if (record.isEmpty() || record.get().type() != MessageType.STORE || record.get().content() == null
                || record.get().content().itemHash() == null) {
            return;
        }
        ItemHash file = ItemHash.of(record.get().content().itemHash());
        if (!state.fileReferences(file).isEmpty()) {
            return;
        }
        for (ContentStore store : stores) {
            try {
                store.unpin(file, event.itemHash().value());
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} could not unpin {} after STORE {} was forgotten", store.extensionName(), file,
                        event.itemHash(), e);
            }
        }
    }

    /**
     * The file of a rejected STORE goes at once, not after the grace period, when nothing else keeps it: so that a
     * refused upload leaves nothing behind. Only bytes last written before the STORE was received go: an upload of
     * the same file since (for another STORE) keeps them.
     */
    private void discardRejectedFile(MessageEvent event) {
        Optional<MessageRecord> record = state.message(event.itemHash());
        if (record.isEmpty() || record.get().type() != MessageType.STORE || record.get().content() == null
                || record.get().content().itemHash() == null) {
            return;
        }
        ItemHash file;
        try {
            file = ItemHash.of(record.get().content().itemHash());
        } catch (IllegalArgumentException e) {
            return;
        }
        if (ContentCollector.isPinned(state, file)) {
            return;
        }
        for (ContentStore store : stores) {
            try {
                if (store.delete(file, record.get().receivedAt())) {
                    LOG.debug("deleted {} from {}: its STORE {} was rejected", file, store.extensionName(),
                            event.itemHash());
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} could not delete {} after STORE {} was rejected; the collector will",
                        store.extensionName(), file, event.itemHash(), e);
            }
        }
    }

    private boolean tryPin(Retry pin) {
        try {
            if (pin.store().exists(pin.file())) {
                pin.store().pin(pin.file(), pin.storeMessage().value());
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("{} could not pin {} for STORE {} (tried again every {})", pin.store().extensionName(),
                    pin.file(), pin.storeMessage(), RETRY_EVERY, e);
            return false;
        }
    }

    /** Tries every owed pin once; a pin leaves the queue when it holds, expires or is no longer referenced. */
    private void retry() {
        for (Retry pin : List.copyOf(retries)) {
            boolean stillReferenced = state.fileReference(pin.storeMessage()).isPresent();
            boolean expired = pin.firstFailed().plus(GIVE_UP_AFTER).isBefore(clock.instant());
            if (expired) {
                LOG.warn("{} gave up pinning {} for STORE {}: it failed for {}", pin.store().extensionName(),
                        pin.file(), pin.storeMessage(), GIVE_UP_AFTER);
            }
            if (!stillReferenced || expired || tryPin(pin)) {
                retries.remove(pin);
            }
        }
        saveOwed();
    }

    @Override
    public void close() {
        retrier.shutdownNow();
    }
}
