package io.aleph4j.kernel.internal.network;

import io.aleph4j.api.message.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the messages peers gossip, on one thread, in batches: whatever arrived while the previous batch was being
 * written goes in the next, durable together with one fsync. A message is handed here once it is checked, so that
 * its verdict (and with it gossipsub's forwarding to the next peers) does not wait for this node's disk: each hop
 * of the network would otherwise add an fsync to the message's way. Bounded: when the disk falls behind, what does
 * not fit is refused, and the caller does not forward it either.
 */
final class GossipInbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GossipInbox.class);
    /** Enough for a few seconds of the reference's busiest topic; a batch is at most this many too. */
    static final int CAPACITY = 10_000;
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    /** Appends a batch to the inbox, durable when it returns; throws when the log refuses it. */
    interface BatchAppender {
        void append(List<Message> batch);
    }

    private final BatchAppender appender;
    private final BlockingQueue<Item> queue;
    private final Thread writer;
    private final LongAdder lost = new LongAdder();
    private volatile boolean closed;

    /** One queued message, or the end. */
    private record Item(Message message) {
    }

    /** Queued by close(), behind everything taken before it. */
    private static final Item END = new Item(null);

    GossipInbox(BatchAppender appender, int capacity) {
        this.appender = appender;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = Thread.ofPlatform().daemon().name("gossip-inbox").start(this::write);
    }

    /** Queues a checked message for the inbox; false when the queue is full or closed (the message is not kept). */
    boolean offer(Message message) {
        return !closed && queue.offer(new Item(message));
    }

    /** Messages the log refused (a full disk, a stopping node): not in this node's inbox, though peers have them. */
    long lost() {
        return lost.sum();
    }

    private void write() {
        List<Item> drained = new ArrayList<>();
        while (true) {
            try {
                drained.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(drained);
            List<Message> batch = new ArrayList<>(drained.size());
            boolean end = false;
            for (Item item : drained) {
                if (item == END) {
                    end = true;
                } else {
                    batch.add(item.message());
                }
            }
            drained.clear();
            if (!batch.isEmpty()) {
                try {
                    appender.append(batch);
                } catch (RuntimeException e) {
                    lost.add(batch.size());
                    LOG.warn("{} gossiped messages could not be logged: {}", batch.size(), e.toString());
                }
            }
            if (end) {
                return;
            }
        }
    }

    /** Stops taking messages, logs those queued, and returns once they are written (or after a wait). */
    @Override
    public void close() {
        closed = true;
        try {
            // Behind whatever is queued: waits, on a full queue, for the writer to make room.
            queue.put(END);
            writer.join(CLOSE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (writer.isAlive()) {
            LOG.warn("gossiped messages were still being logged after {}", CLOSE_WAIT);
            writer.interrupt();
        }
    }
}
