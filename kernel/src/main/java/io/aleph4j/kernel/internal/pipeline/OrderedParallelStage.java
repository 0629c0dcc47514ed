package io.aleph4j.kernel.internal.pipeline;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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

    private static final Slot<?, ?> END = new Slot<>(null, null);

    private final Function<I, O> work;
    private final Sink<I, O> sink;
    private final long lingerNanos;
    private final ExecutorService workers;
    private final BlockingQueue<Slot<I, O>> inFlight;
    private final Thread sequencer;
    private volatile Throwable sinkFailure;

    /**
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
        this.workers = Executors.newFixedThreadPool(workerCount,
                Thread.ofPlatform().name(name + "-worker-", 0).daemon(true).factory());
        this.inFlight = new ArrayBlockingQueue<>(window);
        this.sequencer = Thread.ofPlatform().name(name + "-sequencer").daemon(true).start(this::drain);
    }

    /**
     * Submits an input; blocks while the window is full.
     *
     * @throws IllegalStateException when the sink failed earlier: the stage no longer accepts work
     */
    public void submit(I input) throws InterruptedException {
        if (sinkFailure != null) {
            throw new IllegalStateException("the stage stopped after its sink failed", sinkFailure);
        }
        CompletableFuture<O> result = CompletableFuture.supplyAsync(() -> work.apply(input), workers);
        inFlight.put(new Slot<>(input, result));
    }

    private void drain() {
        try {
            boolean inBurst = false;
            long burstDeadline = 0;
            while (true) {
                Slot<I, O> slot;
                if (inBurst) {
                    slot = inFlight.poll(remaining(burstDeadline), TimeUnit.NANOSECONDS);
                    if (slot == null) {
                        sink.endOfBurst();
                        inBurst = false;
                        continue;
                    }
                } else {
                    slot = inFlight.take();
                }
                if (slot == END) {
                    if (inBurst) {
                        sink.endOfBurst();
                    }
                    return;
                }
                if (inBurst && !readyBy(slot, burstDeadline)) {
                    sink.endOfBurst();
                    inBurst = false;
                }
                O result = null;
                Throwable failure = null;
                try {
                    result = slot.result().join();
                } catch (CompletionException e) {
                    failure = e.getCause();
                }
                sink.accept(slot.input(), result, failure);
                if (!inBurst) {
                    inBurst = true;
                    burstDeadline = System.nanoTime() + lingerNanos;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            sinkFailure = e;
            inFlight.clear();
        }
    }

    /** Waits for the slot's result until the deadline; true when it is there (a value or a failure). */
    private static boolean readyBy(Slot<?, ?> slot, long deadline) throws InterruptedException {
        try {
            slot.result().get(remaining(deadline), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException | CancellationException e) {
            return true;
        }
    }

    private static long remaining(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    /** Hands every submitted input to the sink, then stops the threads. */
    @Override
    @SuppressWarnings("unchecked")
    public void close() throws InterruptedException {
        if (sinkFailure == null) {
            inFlight.put((Slot<I, O>) END);
        }
        sequencer.join();
        workers.shutdown();
        if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
            workers.shutdownNow();
        }
    }
}
