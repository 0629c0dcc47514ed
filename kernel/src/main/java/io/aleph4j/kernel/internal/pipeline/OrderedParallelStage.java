package io.aleph4j.kernel.internal.pipeline;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
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
         * Called when the next result is not ready yet (or nothing is in flight): the moment to flush what
         * was accumulated, so batches grow under load and stay small when idle.
         */
        default void endOfBurst() throws Exception {
        }
    }

    private record Slot<I, O>(I input, CompletableFuture<O> result) {
    }

    private static final Slot<?, ?> END = new Slot<>(null, null);

    private final Function<I, O> work;
    private final Sink<I, O> sink;
    private final ExecutorService workers;
    private final BlockingQueue<Slot<I, O>> inFlight;
    private final Thread sequencer;
    private volatile Throwable sinkFailure;

    public OrderedParallelStage(String name, int workerCount, int window, Function<I, O> work, Sink<I, O> sink) {
        if (workerCount < 1 || window < 1) {
            throw new IllegalArgumentException("need at least one worker and a window of at least one");
        }
        this.work = work;
        this.sink = sink;
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

    @SuppressWarnings("unchecked")
    private void drain() {
        try {
            while (true) {
                Slot<I, O> slot = inFlight.take();
                if (slot == END) {
                    return;
                }
                O result = null;
                Throwable failure = null;
                try {
                    result = slot.result().join();
                } catch (CompletionException e) {
                    failure = e.getCause();
                }
                sink.accept(slot.input(), result, failure);
                Slot<I, O> next = inFlight.peek();
                if (next == null || next == END || !next.result().isDone()) {
                    sink.endOfBurst();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception | Error e) {
            sinkFailure = e;
            inFlight.clear();
        }
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
