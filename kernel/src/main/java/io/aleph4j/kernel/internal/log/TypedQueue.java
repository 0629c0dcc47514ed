package io.aleph4j.kernel.internal.log;

import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;

/**
 * One Chronicle queue of one entry type: a locked appender (appenders are single-threaded), optional
 * group-committed fsync, and named subscriptions that are woken on append instead of spinning.
 */
final class TypedQueue<T> implements AutoCloseable {

    /** How long an appender waiting for another's fsync parks between looks (an fsync here takes ~1-4 ms). */
    /**
     * The longest a follower sleeps before it looks again; the leader wakes the followers when its force ends, so
     * this only bounds a wake-up that was somehow missed.
     */
    private static final long FOLLOWER_PARK_NANOS = 1_000_000;

    /** Receives one decoded entry; see the public listener interfaces. */
    @FunctionalInterface
    interface Delivery<T> {
        void deliver(long index, T value) throws Exception;
    }

    private final String queueName;
    private final String nodeName;
    private final Path positionsDirectory;
    private final EntryCodec<T> codec;
    private final boolean fsync;
    private final SingleChronicleQueue queue;
    private final ExcerptAppender appender;
    private final ReentrantLock appendLock = new ReentrantLock();
    private final Object syncMonitor = new Object();
    private final ReentrantLock syncLeader = new ReentrantLock();
    /** Appenders waiting for a force to cover their entry: the leader wakes them all when it ends. */
    private final ConcurrentLinkedQueue<Thread> syncWaiters = new ConcurrentLinkedQueue<>();
    private final Set<String> activeNames = ConcurrentHashMap.newKeySet();
    /**
     * The chunks in which a cycle file is mapped. Chronicle keeps the chunk of every secondary index array a thread
     * has used mapped until the cycle closes (its per-thread index caches are weak, and each one it makes anew is
     * also kept in the store's list of things to close), so the mapped memory grows by a chunk per index array: with
     * its defaults (64 MiB chunks plus a quarter of overlap, an index array per 4,096 × 256 entries) 1.7 GiB of the
     * two queues at 10 M messages. With 16 MiB chunks an entry may still take 4 MiB (the overlap), far above the
     * largest message (200,000 UTF-16 units of inline content, at most 600 KB in UTF-8).
     */
    static final long BLOCK_BYTES = 16L << 20;
    /**
     * The slots of each of Chronicle's index arrays (a power of two): a secondary array then covers 32,768 × 256
     * entries instead of 4,096 × 256, so a chunk stays mapped per 8.4 M entries, not per million. Written into each
     * new cycle file's header; a file written with the default keeps its own.
     */
    static final int INDEX_COUNT = 32 << 10;

    private final CopyOnWriteArrayList<QueueSubscription<T>> subscriptions = new CopyOnWriteArrayList<>();
    private volatile long lastAppended = -1;
    private volatile long syncedUpTo = -1;
    private File syncedFile;
    private FileChannel syncChannel;

    TypedQueue(String queueName, String nodeName, Path directory, Path positionsDirectory, EntryCodec<T> codec,
               boolean fsync) {
        this.queueName = queueName;
        this.nodeName = nodeName;
        this.positionsDirectory = positionsDirectory;
        this.codec = codec;
        this.fsync = fsync;
        TornCycleFiles.setAside(directory);
        this.queue = SingleChronicleQueueBuilder.binary(directory).blockSize(BLOCK_BYTES).indexCount(INDEX_COUNT)
                .build();
        this.appender = queue.createAppender();
        // Appends are serialized by appendLock; close may come from another thread than the last append.
        this.appender.singleThreadedCheckDisabled(true);
    }

    long append(T value) {
        long index;
        appendLock.lock();
        try {
            try (DocumentContext context = appender.writingDocument()) {
                codec.write(context.wire().bytes(), value);
            }
            index = appender.lastIndexAppended();
            lastAppended = index;
        } finally {
            appendLock.unlock();
        }
        if (fsync) {
            syncThrough(index);
        }
        for (QueueSubscription<T> subscription : subscriptions) {
            subscription.wake();
        }
        return index;
    }

    /**
     * Appends values one after the other with nothing between them, and returns once all are durable: one force
     * for the whole batch (with fsync on). A batch from a peer costs one fsync, not one per message.
     *
     * @return the index of each value, in order
     */
    long[] appendAll(List<T> values) {
        long[] indexes = new long[values.size()];
        if (values.isEmpty()) {
            return indexes;
        }
        appendLock.lock();
        try {
            for (int i = 0; i < indexes.length; i++) {
                try (DocumentContext context = appender.writingDocument()) {
                    codec.write(context.wire().bytes(), values.get(i));
                }
                indexes[i] = appender.lastIndexAppended();
            }
            lastAppended = indexes[indexes.length - 1];
        } finally {
            appendLock.unlock();
        }
        if (fsync) {
            syncThrough(indexes[indexes.length - 1]);
        }
        for (QueueSubscription<T> subscription : subscriptions) {
            subscription.wake();
        }
        return indexes;
    }

    /**
     * Group commit: the first appender to find no force running becomes the leader and forces the file once
     * for every append made so far; the others park until the force ends, when the leader wakes them all at once,
     * and return if it covered their entry (or one of them leads the next force). Not a lock queue, which hands a
     * monitor from thread to thread (measured: 3.6k → 7.6k durable appends/s with 16 appenders, docs/benchmarks.md),
     * nor a poll, whose wake-ups every 50 µs for each waiting appender cost a busy node a large share of its cores.
     * fsync of the queue file also writes back pages dirtied through Chronicle's mapping.
     */
    private void syncThrough(long index) {
        while (syncedUpTo < index) {
            if (syncLeader.tryLock()) {
                try {
                    if (syncedUpTo < index) {
                        forceThroughLastAppend();
                    }
                } finally {
                    syncLeader.unlock();
                    wakeSyncWaiters();
                }
            } else {
                Thread self = Thread.currentThread();
                syncWaiters.add(self);
                // Looked at after registering: a force that ended before is seen here, one that ends after wakes us.
                if (syncedUpTo < index && syncLeader.isLocked()) {
                    LockSupport.parkNanos(this, FOLLOWER_PARK_NANOS);
                }
                syncWaiters.remove(self);
            }
        }
    }

    private void wakeSyncWaiters() {
        for (Thread waiter = syncWaiters.poll(); waiter != null; waiter = syncWaiters.poll()) {
            LockSupport.unpark(waiter);
        }
    }

    /** Forces the current queue file; the monitor keeps close() from closing the channel under a force. */
    private void forceThroughLastAppend() {
        synchronized (syncMonitor) {
            long target = lastAppended;
            File current;
            appendLock.lock();
            try {
                current = appender.currentFile();
            } finally {
                appendLock.unlock();
            }
            try {
                if (!current.equals(syncedFile)) {
                    if (syncChannel != null) {
                        syncChannel.force(false);
                        syncChannel.close();
                    }
                    syncChannel = FileChannel.open(current.toPath(), StandardOpenOption.WRITE);
                    syncedFile = current;
                }
                syncChannel.force(false);
            } catch (IOException e) {
                throw new UncheckedIOException("fsync of " + queueName + " queue file " + current + " failed", e);
            }
            syncedUpTo = target;
        }
    }

    /** How many entries follow {@code index} (-1: all of them). */
    long countAfter(long index) {
        long last = lastIndex();
        if (last < 0 || index >= last) {
            return 0;
        }
        long from = index < 0 ? queue.firstIndex() : index + 1;
        // countExcerpts counts from inclusive to exclusive; the last entry is one past its own index.
        return queue.countExcerpts(from, last) + 1;
    }

    /** The index of the last entry, or -1 when the queue is empty. */
    long lastIndex() {
        long last = queue.lastIndex();
        return last < 0 ? -1 : last;
    }

    Subscription subscribe(String name, StartFrom startFrom, Delivery<T> delivery) {
        return subscribe(name, startFrom, delivery, () -> new SavedPosition(positionsDirectory.resolve(name + ".pos")));
    }

    /** A subscription that starts after {@code index} (-1: from the start) and saves no position of its own. */
    Subscription subscribeAfter(String name, long index, Delivery<T> delivery) {
        return subscribe(name, StartFrom.EARLIEST, delivery, () -> SavedPosition.inMemory(index));
    }

    private Subscription subscribe(String name, StartFrom startFrom, Delivery<T> delivery,
                                   java.util.function.Supplier<SavedPosition> positions) {
        if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
            throw new IllegalArgumentException("subscription name '" + name
                    + "' must be 1-128 letters, digits, '.', '_' or '-'");
        }
        if (!activeNames.add(name)) {
            throw new IllegalStateException("a subscription named '" + name + "' to the " + queueName
                    + " queue is already active");
        }
        try {
            SavedPosition position = positions.get();
            QueueSubscription<T> subscription = new QueueSubscription<>(
                    name, nodeName + "-" + queueName + "-" + name, queue, codec, position, startFrom, delivery,
                    this::unsubscribed);
            subscriptions.add(subscription);
            subscription.start();
            return subscription;
        } catch (RuntimeException e) {
            activeNames.remove(name);
            throw e;
        }
    }

    private void unsubscribed(QueueSubscription<T> subscription) {
        subscriptions.remove(subscription);
        activeNames.remove(subscription.name());
    }

    @Override
    public void close() {
        for (QueueSubscription<T> subscription : subscriptions) {
            subscription.close();
        }
        synchronized (syncMonitor) {
            if (syncChannel != null) {
                try {
                    syncChannel.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        appendLock.lock();
        try {
            appender.close();
        } finally {
            appendLock.unlock();
        }
        queue.close();
    }
}
