package io.aleph4j.kernel.internal.content;

import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.message.ItemHash;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.storage.ContentStore;
import io.aleph4j.api.storage.FileReference;
import io.aleph4j.api.storage.MessageRecord;
import io.aleph4j.api.storage.StateQueries;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
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
 * is what keeps the file there; storage-fs needs no pin, since the {@link ContentCollector} reads references from
 * the state. Unpinning is the collector's: it deletes (for an IPFS store: unpins) what no processed message
 * references once the grace period has passed, which a forget of a file's last STORE restarts ({@code unpin}). A
 * pin that fails (the IPFS node down, a file it cannot fetch yet)
 * is tried again every {@link #RETRY_EVERY} for a day; a restart forgets those retries (the events queue has moved
 * on), which is what a reconciliation of the state's references with the stores' pins would close.
 */
public final class ContentPins implements AutoCloseable {

    static final Duration RETRY_EVERY = Duration.ofMinutes(1);
    private static final Duration GIVE_UP_AFTER = Duration.ofDays(1);
    private static final int MAX_RETRIES_HELD = 100_000;

    /** A pin to try again. */
    private record Retry(ContentStore store, ItemHash file, ItemHash storeMessage, long firstFailedNanos) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ContentPins.class);

    private final List<ContentStore> stores;
    private final StateQueries state;

    private final Queue<Retry> retries = new ConcurrentLinkedQueue<>();
    private final ScheduledExecutorService retrier;

    public ContentPins(List<ContentStore> stores, StateQueries state) {
        this(stores, state, RETRY_EVERY);
    }

    ContentPins(List<ContentStore> stores, StateQueries state, Duration retryEvery) {
        this.stores = List.copyOf(stores);
        this.state = state;
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
        if (event.status() != MessageStatus.PROCESSED) {
            return;
        }
        // Only a processed STORE makes a file reference: one read tells both.
        Optional<FileReference> reference = state.fileReference(event.itemHash());
        if (reference.isEmpty()) {
            return;
        }
        for (ContentStore store : stores) {
            Retry pin = new Retry(store, reference.get().fileHash(), event.itemHash(), System.nanoTime());
            if (!tryPin(pin) && retries.size() < MAX_RETRIES_HELD) {
                retries.add(pin);
            }
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

    private void retry() {
        for (int due = retries.size(); due > 0; due--) {
            Retry pin = retries.poll();
            if (pin == null) {
                return;
            }
            boolean stillReferenced = state.fileReference(pin.storeMessage()).isPresent();
            boolean expired = System.nanoTime() - pin.firstFailedNanos() > GIVE_UP_AFTER.toNanos();
            if (stillReferenced && !expired && !tryPin(pin)) {
                retries.add(pin);
            }
        }
    }

    @Override
    public void close() {
        retrier.shutdownNow();
    }
}
