package io.aleph4j.kernel.internal.pipeline;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.log.InboxEntry;
import io.aleph4j.api.log.MessageEvent;
import io.aleph4j.api.log.Origin;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.message.MessageStatus;
import io.aleph4j.api.message.MessageType;
import io.aleph4j.api.state.MessageFilter;
import io.aleph4j.api.state.MessageRecord;
import io.aleph4j.api.state.PageRequest;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.internal.content.KernelContentService;
import io.aleph4j.kernel.internal.log.ChronicleMessageLog;
import io.aleph4j.kernel.internal.metrics.NodeMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The message pipeline: tails the inbox after the state store's applied index, checks messages on a worker pool
 * ({@link MessageChecker}: hash, signature, content) while keeping log order, applies them in batches on one
 * thread ({@link StateApplier}: duplicates, permissions, handlers, one transaction per batch) and publishes each
 * outcome on {@code events} after its commit. Messages whose content is not available are tried again with
 * back-off; messages waiting for another one are tried again when it is processed, and after a restart.
 */
public final class MessagePipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MessagePipeline.class);
    private static final String SUBSCRIPTION = "pipeline";
    /**
     * Messages in one transaction at most. A commit writes each page the batch dirtied once, and a page of a
     * randomly keyed index (item hash, sender) is shared by more messages in a bigger batch: at 2,048 the applying
     * thread spends 27 µs of CPU per message on an empty SQLite store against 33 µs at 512 (docs/benchmarks.md).
     * A full batch holds its messages' acknowledgements for ~60 ms; under a lighter load batches stay small.
     */
    private static final int MAX_BATCH = 2048;

    /**
     * How the pipeline is set up.
     *
     * @param linger     how long a batch stays open for more checked messages: verification is slower than applying,
     *                   so without it nearly every message would get a store transaction of its own
     * @param maxRetries how many times a message whose content is missing is tried again before it is rejected
     * @param firstRetry the pause before the first retry, doubled for each next one up to {@code longestRetry}
     */
    public record Settings(int workers, int window, Duration linger, int maxRetries, Duration firstRetry,
                           Duration longestRetry) {

        /**
         * One worker per core; a window of two full batches (or 256 per core, if more), so that checking runs a
         * batch ahead of applying and a batch can fill; and the retries the node's config sets.
         */
        public static Settings forThisMachine(KernelConfig config) {
            int cores = Runtime.getRuntime().availableProcessors();
            return new Settings(cores, Math.max(2 * MAX_BATCH, 256 * cores), Duration.ofMillis(5),
                    config.pipelineMaxRetries(), config.pipelineFirstRetry(), config.pipelineLongestRetry());
        }
    }

    private final ChronicleMessageLog log;
    private final StateStore store;
    private final MessageChecker checker;
    private final StateApplier applier;
    private final Settings settings;
    private final NodeMetrics metrics;
    private final AppliedIndex applied;
    private final IntakeParses parses;
    private final ScheduledExecutorService retries;
    private final List<Processed> batch = new ArrayList<>();
    private OrderedParallelStage<Work, Checked> stage;
    private Subscription subscription;
    private volatile Throwable failure;

    /**
     * @param content the node's content: where non-inline contents and STOREs' files come from
     * @param applied where the pipeline says how far it got, and {@code sync} submissions wait
     * @param parses  the contents the intake parsed already
     */
    public MessagePipeline(ChronicleMessageLog log, StateStore store, MessageVerifier verifier,
                           KernelContentService content, Map<MessageType, ContentHandler> handlers, Clock clock,
                           Settings settings, NodeMetrics metrics, AppliedIndex applied, IntakeParses parses) {
        this.log = log;
        this.store = store;
        this.checker = new MessageChecker(verifier, content, !content.stores().isEmpty(), parses);
        this.applier = new StateApplier(store, handlers, clock, settings.maxRetries());
        this.settings = settings;
        this.metrics = metrics;
        this.applied = applied;
        this.parses = parses;
        metrics.gauge("aleph4j.pipeline.lag", "inbox entries the state store has not applied yet",
                () -> log.inboxEntriesAfter(store.appliedInboxIndex()));
        metrics.gauge("aleph4j.pipeline.waiting", "valid messages waiting in memory for another message",
                applier::parkedCount);
        this.retries = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("pipeline-retries").daemon(true).factory());
    }

    /** Starts processing: first the messages left pending by the last run, then the inbox after the applied index. */
    public synchronized void start() {
        stage = new OrderedParallelStage<>("pipeline", settings.workers(), settings.window(), settings.linger(),
                checker::check,
                new ApplySink());
        List<MessageRecord> pending = store.queries().messages(
                MessageFilter.builder().statuses(MessageStatus.PENDING).build(), PageRequest.all()).items();
        for (MessageRecord record : pending) {
            record.message().ifPresent(message -> submit(new Work(Work.RETRY,
                    new InboxEntry(message, Origin.LOCAL, record.receivedAt()), 0)));
        }
        applied.start(store.appliedInboxIndex());
        subscription = log.subscribeInboxAfter(SUBSCRIPTION, store.appliedInboxIndex(),
                (index, entry) -> stage.submit(Work.fromInbox(index, entry)));
        LOG.info("message pipeline started on {} after inbox index {} ({} pending messages resumed)",
                store.extensionName(), store.appliedInboxIndex(), pending.size());
    }

    /**
     * Rebuilds the state from the log: stops, empties the store and processes the whole inbox again. Blocks until
     * the pipeline has caught up with the inbox as it was when called.
     *
     * @return false when the timeout passed first (the replay goes on)
     */
    public synchronized boolean replay(Duration timeout) throws InterruptedException {
        long target = log.lastInboxIndex();
        long started = System.nanoTime();
        LOG.info("replay: emptying {} and rebuilding it from the log, through inbox index {}",
                store.extensionName(), target);
        stopProcessing();
        applier.clear();
        parses.clear();
        store.reset();
        start();
        boolean done = awaitApplied(target, timeout);
        if (done) {
            LOG.info("replay: {} rebuilt through inbox index {} in {} ms", store.extensionName(), target,
                    (System.nanoTime() - started) / 1_000_000);
        } else {
            LOG.warn("replay: not caught up with inbox index {} after {}; it goes on", target, timeout);
        }
        return done;
    }

    /** Waits until the state covers the inbox through {@code index}; false on timeout. Woken by commits. */
    public boolean awaitApplied(long index, Duration timeout) throws InterruptedException {
        return applied.await(index, timeout);
    }

    /** The failure that stopped the pipeline, if one did. */
    public Throwable failure() {
        return failure;
    }

    private void submit(Work work) {
        try {
            stage.submit(work);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IllegalStateException e) {
            LOG.warn("{} not retried: the pipeline has stopped", work.entry().message().itemHash());
        }
    }

    private void scheduleRetry(Work work) {
        long delay = Math.min(settings.firstRetry().toMillis() << Math.min(work.attempt(), 20),
                settings.longestRetry().toMillis());
        OrderedParallelStage<Work, Checked> current = stage;
        retries.schedule(() -> {
            if (stage == current) {
                submit(work.retried());
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    private void stopProcessing() throws InterruptedException {
        applied.stop();
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (stage != null) {
            stage.close();
            stage = null;
        }
    }

    @Override
    public synchronized void close() throws InterruptedException {
        stopProcessing();
        retries.shutdownNow();
    }

    /** Collects checked messages and applies them as one batch when no further result is ready. */
    private final class ApplySink implements OrderedParallelStage.Sink<Work, Checked> {

        @Override
        public void accept(Work work, Checked checked, Throwable workFailure) throws Exception {
            if (workFailure != null) {
                // The checks catch what a message can do wrong; an exception here is a bug. Stopping keeps the
                // state consistent: a restart resumes from the last committed index.
                fail(new IllegalStateException("checking " + work.entry().message().itemHash() + " failed",
                        workFailure));
            }
            batch.add(new Processed(work, checked));
            if (batch.size() >= MAX_BATCH) {
                endOfBurst();
            }
        }

        @Override
        public void endOfBurst() throws Exception {
            if (batch.isEmpty()) {
                return;
            }
            StateApplier.Outcome outcome;
            long started = System.nanoTime();
            try {
                outcome = applier.apply(batch);
                metrics.batchApplied(batch.size(), Duration.ofNanos(System.nanoTime() - started));
            } catch (RuntimeException | Error e) {
                fail(e);
                throw e;
            } finally {
                batch.clear();
            }
            for (MessageEvent event : outcome.events()) {
                metrics.messageOutcome(event.status());
                log.appendEvent(event);
            }
            applied.advance(store.appliedInboxIndex());
            outcome.contentRetries().forEach(MessagePipeline.this::scheduleRetry);
        }

        private void fail(Throwable e) throws Exception {
            failure = e;
            applied.fail(e);
            LOG.error("the message pipeline stopped; it resumes from inbox index {} on restart",
                    store.appliedInboxIndex(), e);
            if (e instanceof Exception exception) {
                throw exception;
            }
            throw (Error) e;
        }
    }
}
