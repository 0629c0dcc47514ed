package io.aleph4j.kernel.internal.pipeline;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Runs a function on a pool of worker threads and hands the results to a sink one at a time, in the order the
 * inputs were submitted: signature checks run in parallel while state changes stay in log order (which keeps
 * every sender's order). At most {@code window} inputs are in flight; {@link #submit} blocks beyond that.
 *
 * @param <I> inputs
 * @param <O> results
 */
public final class OrderedParallelStage<I, O> implements AutoCloseable {

    /** Receives each input with its result (or the failure of the work), in submission order. */
    @FunctionalInterface
    public interface Sink<I, O> {
        void accept(I input, O result, Throwable failure) throws Exception;

        /**
         * Called when no further result became ready within the linger since the burst's first result (or
         * nothing more is in flight by then): the moment to flush what was accumulated, so that batches grow
         * under load while a lone input waits at most the linger.
         */
        default void endOfBurst() throws Exception {
        }
    }

    private record Slot<I, O>(I input, CompletableFuture<O> result) {
    }

    private static final Slot<?, ?> END = new Slot<>(null, CompletableFuture.completedFuture(null));
    /**
     * How long the sequencer sleeps when the next result is not ready while more work is in flight. It does not
     * ask the workers to wake it: under load a wake-up per result (a futex call on each side) cost the workers a
     * measurable share of the cores; one timed sleep takes whatever finished meanwhile as a run.
     */
    private static final long BUSY_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);
    /**
     * The longest sleep of a thread that another one wakes (a submitter wakes an idle sequencer, a completion or
     * the sequencer wakes a waiting submitter): the wake-ups are not lost, this only bounds the damage if one
     * were, while an idle node wakes 20 times a second, not 1,000.
     */
    private static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final Function<I, O> work;
    private final Sink<I, O> sink;
    private final long lingerNanos;
    private final int workerCount;
    private final int window;
    private final ExecutorService workers;
    /** Submitted inputs not yet handed to the sink, in submission order; {@link #inFlightCount} counts them. */
    private final Queue<Slot<I, O>> inFlight = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlightCount = new AtomicInteger();
    /** Submitters run one at a time, so that a full window is waited for by one thread, woken by the sequencer. */
    private final ReentrantLock submitting = new ReentrantLock();
    private volatile Thread waitingSubmitter;
    private volatile boolean sequencerIdle;
    private final Thread sequencer;
    /** The slot whose completion wakes the sequencer already (sequencer thread only). */
    private Slot<I, O> wakeOnCompletionOf;
    private volatile Throwable sinkFailure;
    /** Set by {@link #close()} under the submit lock; later submits are refused. */
    private volatile boolean closed;

    /**
     * @param window how many inputs may be submitted and not yet handed to the sink; a submitter that finds it
     *               full waits until half of it is free (one wake-up per half window, not one per result)
     * @param linger how long a burst stays open for the next result after its first one; zero ends a burst as
     *               soon as the next result is not ready
     */
    public OrderedParallelStage(String name, int workerCount, int window, Duration linger, Function<I, O> work,
                                Sink<I, O> sink) {
        if (workerCount < 1 || window < 1) {
            throw new IllegalArgumentException("need at least one worker and a window of at least one");
        }
        if (linger.isNegative()) {
            throw new IllegalArgumentException("the linger cannot be negative");
        }
        this.work = work;
        this.sink = sink;
        this.lingerNanos = linger.toNanos();
        this.workerCount = workerCount;
        this.window = window;
        this.workers = Executors.newFixedThreadPool(workerCount,
                Thread.ofPlatform().name(name + "-worker-", 0).daemon(true).factory());
        this.sequencer = Thread.ofPlatform().name(name + "-sequencer").daemon(true).start(this::drain);
    }

    /**
     * Submits an input; blocks while the window is full.
     *
     * @throws IllegalStateException when the sink failed earlier or the stage is closed: it no longer accepts work
     */
    public void submit(I input) throws InterruptedException {
        submitting.lockInterruptibly();
        try {
            awaitRoom();
            // After the wait: the sequencer may have stopped or the stage closed while this thread slept.
            checkRunning();
            CompletableFuture<O> result = CompletableFuture.supplyAsync(() -> work.apply(input), workers);
            enqueue(new Slot<>(input, result));
        } finally {
            submitting.unlock();
        }
    }

    /** Returns at once while the window has room; {@link #submit} checks that the stage still runs after it. */
    private void awaitRoom() throws InterruptedException {
        if (inFlightCount.get() < window) {
            return;
        }
        waitingSubmitter = Thread.currentThread();
        try {
            while (inFlightCount.get() > window / 2) {
                LockSupport.parkNanos(this, IDLE_PARK_NANOS);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                checkRunning();
            }
        } finally {
            waitingSubmitter = null;
        }
    }

    private void checkRunning() {
        if (sinkFailure != null) {
            throw new IllegalStateException("the stage stopped after its sink failed", sinkFailure);
        }
        if (closed) {
            throw new IllegalStateException("the stage is closed");
        }
    }

    private void enqueue(Slot<I, O> slot) {
        inFlight.add(slot);
        inFlightCount.incrementAndGet();
        if (sequencerIdle) {
            LockSupport.unpark(sequencer);
        }
    }

    private void drain() {
        try {
            boolean inBurst = false;
            long burstDeadline = 0;
            while (true) {
                Slot<I, O> slot = inFlight.peek();
                if (slot == null || !slot.result().isDone()) {
                    if (inBurst && System.nanoTime() - burstDeadline >= 0) {
                        sink.endOfBurst();
                        inBurst = false;
                    }
                    awaitNext(slot, inBurst ? burstDeadline : Long.MAX_VALUE);
                    continue;
                }
                inFlight.poll();
                if (slot == END) {
                    if (inBurst) {
                        sink.endOfBurst();
                    }
                    return;
                }
                O result = null;
                Throwable failure = null;
                try {
                    result = slot.result().join();
                } catch (CompletionException | CancellationException e) {
                    failure = e instanceof CompletionException ? e.getCause() : e;
                }
                sink.accept(slot.input(), result, failure);
                handedOn();
                if (!inBurst) {
                    inBurst = true;
                    burstDeadline = System.nanoTime() + lingerNanos;
                }
            }
        } catch (InterruptedException e) {
            // Stops like a failed sink, so that a submitter waiting for room does not wait for ever.
            stopAfter(e);
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            stopAfter(e);
        }
    }

    private void stopAfter(Throwable failure) {
        sinkFailure = failure;
        inFlight.clear();
        inFlightCount.set(0);
        Thread submitter = waitingSubmitter;
        if (submitter != null) {
            LockSupport.unpark(submitter);
        }
    }

    /** One input left the window: a submitter waiting for room is woken once half of the window is free. */
    private void handedOn() {
        int left = inFlightCount.decrementAndGet();
        Thread submitter = waitingSubmitter;
        if (submitter != null && left <= window / 2) {
            LockSupport.unpark(submitter);
        }
    }

    /**
     * Sleeps until the head slot may be ready, at most until the deadline. With nothing in flight, a submitter
     * wakes the sequencer. With more in flight than workers (under load), it sleeps a little and takes what
     * finished meanwhile, never asking the workers to wake it; with fewer, the head's completion wakes it. Never
     * through {@code Future.get} with a timeout, which throws an exception each time it expires.
     */
    private void awaitNext(Slot<I, O> head, long deadline) throws InterruptedException {
        long now = System.nanoTime();
        long untilDeadline = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, deadline - now);
        if (head == null) {
            sequencerIdle = true;
            try {
                if (inFlight.peek() == null) {
                    LockSupport.parkNanos(this, Math.min(IDLE_PARK_NANOS, untilDeadline));
                }
            } finally {
                sequencerIdle = false;
            }
        } else if (inFlightCount.get() > workerCount) {
            LockSupport.parkNanos(this, Math.min(BUSY_POLL_NANOS, untilDeadline));
        } else {
            // Few in flight (a trickle of messages): the head's completion wakes the sequencer, once per slot.
            if (wakeOnCompletionOf != head) {
                wakeOnCompletionOf = head;
                head.result().whenComplete((result, failure) -> LockSupport.unpark(sequencer));
            }
            LockSupport.parkNanos(this, Math.min(IDLE_PARK_NANOS, untilDeadline));
        }
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
    }

    /** Hands every submitted input to the sink, then stops the threads. */
    @Override
    @SuppressWarnings("unchecked")
    public void close() throws InterruptedException {
        submitting.lockInterruptibly();
        try {
            if (!closed && sinkFailure == null) {
                enqueue((Slot<I, O>) END);
            }
            closed = true;
        } finally {
            submitting.unlock();
        }
        sequencer.join();
        workers.shutdown();
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
