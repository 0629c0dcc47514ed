package io.aleph4j.kernel.internal.log;

import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.wire.DocumentContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A named subscription on its own thread: tails the queue from its saved position, hands each entry to the
 * listener, then saves the entry's index (at-least-once: an entry whose listener did not return is delivered
 * again to the next subscription under that name).
 */
final class QueueSubscription<T> implements Subscription {

    private static final Logger LOG = LoggerFactory.getLogger(QueueSubscription.class);
    /** Upper bound of one idle wait, for appends made by another process (this one's wake us at once). */
    private static final long MAX_IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /**
     * Idle back-off: spin, then yield, then park. Parking too early makes every append pay a futex wake-up
     * (measured: 10x slower delivery under load); spinning forever burns a core while idle.
     */
    private static final int SPINS_BEFORE_YIELD = 1_000;
    private static final int YIELDS_BEFORE_PARK = 2_000;

    private final String name;
    private final SingleChronicleQueue queue;
    private final EntryCodec<T> codec;
    private final SavedPosition position;
    /** The index after which delivery starts, or NONE for the start of the queue; fixed at subscribe time. */
    private final long startAfter;
    private final TypedQueue.Delivery<T> delivery;
    private final Consumer<QueueSubscription<T>> onEnd;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean parked;
    private volatile long lastDelivered;

    QueueSubscription(String name, String threadName, SingleChronicleQueue queue, EntryCodec<T> codec,
                      SavedPosition position, StartFrom startFrom, TypedQueue.Delivery<T> delivery,
                      Consumer<QueueSubscription<T>> onEnd) {
        this.name = name;
        this.queue = queue;
        this.codec = codec;
        this.position = position;
        // Decided here, on the subscribing thread, so that LATEST means "appended after subscribe returned"
        // even though the tailer is positioned later on the subscription's own thread.
        long saved = position.get();
        if (saved != SavedPosition.NONE) {
            this.startAfter = saved;
        } else if (startFrom == StartFrom.LATEST && queue.lastIndex() >= 0) {
            this.startAfter = queue.lastIndex();
        } else {
            this.startAfter = SavedPosition.NONE;
        }
        this.delivery = delivery;
        this.onEnd = onEnd;
        this.lastDelivered = position.get();
        this.thread = Thread.ofPlatform().name(threadName).daemon(false).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    void wake() {
        if (parked) {
            LockSupport.unpark(thread);
        }
    }

    private void run() {
        try (ExcerptTailer tailer = queue.createTailer()) {
            positionTailer(tailer);
            int idle = 0;
            while (running) {
                if (deliverNext(tailer)) {
                    idle = 0;
                } else if (++idle < SPINS_BEFORE_YIELD) {
                    Thread.onSpinWait();
                } else if (idle < YIELDS_BEFORE_PARK) {
                    Thread.yield();
                } else {
                    parked = true;
                    if (running) {
                        LockSupport.parkNanos(this, MAX_IDLE_PARK_NANOS);
                    }
                    parked = false;
                }
            }
        } catch (Exception e) {
            LOG.error("subscription '{}' stopped: its listener failed after entry {}", name, lastDelivered, e);
        } finally {
            running = false;
            position.close();
            onEnd.accept(this);
        }
    }

    private void positionTailer(ExcerptTailer tailer) {
        if (startAfter == SavedPosition.NONE) {
            tailer.toStart();
            return;
        }
        if (!tailer.moveToIndex(startAfter)) {
            long last = queue.lastIndex();
            if (startAfter > last) {
                // The saved position outran the queue: a power loss kept the position but not the last entries of
                // a queue that is not forced (events). Those entries are gone; go on from the next one appended.
                LOG.warn("subscription '{}' was at {}, past the queue's end {} (entries lost to a power loss?); "
                        + "it goes on from the end", name, startAfter, last);
                tailer.toEnd();
                return;
            }
            throw new IllegalStateException("subscription '" + name + "' start position " + startAfter
                    + " is no longer in the queue");
        }
        try (DocumentContext skipped = tailer.readingDocument()) {
            if (!skipped.isPresent() || skipped.index() != startAfter) {
                throw new IllegalStateException("subscription '" + name + "' cannot re-read its start position "
                        + startAfter);
            }
        }
    }

    private boolean deliverNext(ExcerptTailer tailer) throws Exception {
        try (DocumentContext context = tailer.readingDocument()) {
            if (!context.isPresent()) {
                return false;
            }
            long index = context.index();
            T value = codec.read(context.wire().bytes());
            delivery.deliver(index, value);
            position.set(index);
            lastDelivered = index;
            return true;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean isActive() {
        return running;
    }

    @Override
    public long lastDeliveredIndex() {
        return lastDelivered;
    }

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
