package io.aleph4j.kernel.internal.pipeline;

import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * How far the state covers the inbox, as the pipeline commits it: what a {@code sync} submission waits on. Waiters
 * are woken by each commit (and by a pipeline that stops), not by polling.
 */
@Singleton
public final class AppliedIndex {

    private long applied = -1;
    private boolean running;
    private Throwable failure;

    /** The pipeline starts (or restarts, after a replay) with the store's applied index. */
    synchronized void start(long storeIndex) {
        applied = storeIndex;
        running = true;
        failure = null;
        notifyAll();
    }

    /** The store committed through {@code index}. */
    synchronized void advance(long index) {
        if (index > applied) {
            applied = index;
            notifyAll();
        }
    }

    /** The pipeline stopped on a failure: waiters are told. */
    synchronized void fail(Throwable cause) {
        failure = cause;
        notifyAll();
    }

    /** The pipeline stopped (node closing, or a replay about to restart it). */
    synchronized void stop() {
        running = false;
        notifyAll();
    }

    /** The inbox index the state covers through (-1: none, or no pipeline yet). */
    public synchronized long applied() {
        return applied;
    }

    /** Whether a pipeline processes the inbox (the node has a state store). */
    public synchronized boolean isRunning() {
        return running;
    }

    /**
     * Waits until the state covers the inbox through {@code index}.
     *
     * @return false when the timeout passed first, or the pipeline stopped without getting there
     * @throws IllegalStateException when the pipeline stopped on a failure
     */
    public synchronized boolean await(long index, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (applied < index) {
            if (failure != null) {
                throw new IllegalStateException("the message pipeline stopped", failure);
            }
            long left = deadline - System.nanoTime();
            if (!running || left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }
}
