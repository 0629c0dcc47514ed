package io.aleph4j.kernel.internal.log;

import io.aleph4j.api.log.EventListener;
import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.InboxListener;
import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.log.MessageLog;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The message log on two Chronicle queues under {@code <data>/log}: {@code inbox} and {@code events}, with
 * subscriber positions under {@code <data>/log/positions/<queue>/}.
 */
public final class ChronicleMessageLog implements MessageLog, AutoCloseable {

    private final LogLock lock;
    private final TypedQueue<InboxEntry> inbox;
    private final TypedQueue<MessageEvent> events;

    /**
     * Opens the log, which this process then holds until {@link #close()}: a second one on the same directory is
     * refused (another node, or a replay, on the same data directory).
     */
    public ChronicleMessageLog(Path logDirectory, String nodeName, boolean fsync) {
        JvmFlags.requireChronicleFlags();
        this.lock = LogLock.acquire(logDirectory);
        Path positions = logDirectory.resolve("positions");
        try {
            this.inbox = new TypedQueue<>("inbox", nodeName, logDirectory.resolve("inbox"),
                    positions.resolve("inbox"), new InboxCodec(), fsync);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        try {
            // Events are never forced: an outcome is durable once the state store commits it, and events only tell
            // subscribers about it. Forcing them cost one fsync per event on the pipeline's thread (measured: 40 %
            // of its time at a million messages, docs/benchmarks.md). Like any Chronicle append they survive a
            // process crash; a power loss may drop the last ones.
            this.events = new TypedQueue<>("events", nodeName, logDirectory.resolve("events"),
                    positions.resolve("events"), new EventCodec(), false);
        } catch (RuntimeException e) {
            try (lock) {
                inbox.close();
            }
            throw e;
        }
    }

    /**
     * Appends an accepted message to the inbox; durable when it returns (with fsync on). Kernel-only: messages
     * enter through the intake, which checks them first.
     *
     * @return the entry's inbox index
     */
    public long appendInbox(InboxEntry entry) {
        return inbox.append(Objects.requireNonNull(entry, "entry"));
    }

    /**
     * Appends accepted messages to the inbox as one batch, durable when it returns (one fsync for all, with fsync
     * on). Kernel-only, as {@link #appendInbox}.
     *
     * @return each entry's inbox index, in order
     */
    public long[] appendInboxAll(List<InboxEntry> entries) {
        return inbox.appendAll(List.copyOf(entries));
    }

    /** Appends a processing outcome. Kernel-only: plugins observe events, the pipeline writes them. */
    public long appendEvent(MessageEvent event) {
        return events.append(Objects.requireNonNull(event, "event"));
    }

    @Override
    public Subscription subscribeInbox(String name, StartFrom startFrom, InboxListener listener) {
        Objects.requireNonNull(listener, "listener");
        return inbox.subscribe(name, startFrom, listener::onEntry);
    }

    /** How many inbox entries follow {@code index} (-1: the whole inbox): the pipeline's lag behind the log. */
    public long inboxEntriesAfter(long index) {
        return inbox.countAfter(index);
    }

    /** The index of the last inbox entry, or -1 when the inbox is empty. */
    public long lastInboxIndex() {
        return inbox.lastIndex();
    }

    /** The index of the last event, or -1 when there is none yet. */
    public long lastEventIndex() {
        return events.lastIndex();
    }

    /**
     * Kernel-only: delivers inbox entries after {@code index} (-1 for all) and keeps no position on disk; the
     * pipeline's position is the applied index committed in its state store.
     */
    public Subscription subscribeInboxAfter(String name, long index, InboxListener listener) {
        Objects.requireNonNull(listener, "listener");
        return inbox.subscribeAfter(name, index, listener::onEntry);
    }

    @Override
    public Subscription subscribeEvents(String name, StartFrom startFrom, EventListener listener) {
        Objects.requireNonNull(listener, "listener");
        return events.subscribe(name, startFrom, listener::onEvent);
    }

    @Override
    public void close() {
        try (lock) {
            try {
                events.close();
            } finally {
                inbox.close();
            }
        }
    }
}
