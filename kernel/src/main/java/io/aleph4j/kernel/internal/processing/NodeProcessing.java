package io.aleph4j.kernel.internal.processing;

import io.aleph4j.api.incubating.ContentHandler;
import io.aleph4j.api.log.StartFrom;
import io.aleph4j.api.log.Subscription;
import io.aleph4j.api.state.StateStore;
import io.aleph4j.kernel.internal.config.DataDirectory;
import io.aleph4j.kernel.internal.config.KernelConfig;
import io.aleph4j.kernel.internal.content.ContentCollector;
import io.aleph4j.kernel.internal.content.ContentPins;
import io.aleph4j.kernel.internal.content.KernelContentService;
import io.aleph4j.kernel.internal.handlers.ContentHandlers;
import io.aleph4j.kernel.internal.log.ChronicleMessageLog;
import io.aleph4j.kernel.internal.metrics.NodeMetrics;
import io.aleph4j.kernel.internal.pipeline.AppliedIndex;
import io.aleph4j.kernel.internal.pipeline.IntakeParses;
import io.aleph4j.kernel.internal.pipeline.MessagePipeline;
import io.aleph4j.kernel.internal.pipeline.MessageVerifier;
import io.aleph4j.kernel.internal.state.StateAccess;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processing, the second of a start's concerns: once the plugins have started, the message pipeline over the node's
 * state store (none: messages are only logged), and for the content stores the pins that follow the events and the
 * garbage collector. Built in the assembled node's injector, so it receives the extension points' sets.
 */
public final class NodeProcessing implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeProcessing.class);

    private final ChronicleMessageLog log;
    private final StateAccess state;
    private final KernelContentService content;
    private final MessageVerifier verifier;
    private final Set<ContentHandler> handlers;
    private final Clock clock;
    private final NodeMetrics metrics;
    private final AppliedIndex applied;
    private final IntakeParses parses;
    private final KernelConfig config;
    private final DataDirectory dataDirectory;
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private MessagePipeline pipeline;

    @Inject
    public NodeProcessing(ChronicleMessageLog log, StateAccess state, KernelContentService content,
                          MessageVerifier verifier, Set<ContentHandler> handlers, Clock clock, NodeMetrics metrics,
                          AppliedIndex applied, IntakeParses parses, KernelConfig config, DataDirectory dataDirectory) {
        this.log = log;
        this.state = state;
        this.content = content;
        this.verifier = verifier;
        this.handlers = handlers;
        this.clock = clock;
        this.metrics = metrics;
        this.applied = applied;
        this.parses = parses;
        this.config = config;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts the pipeline, the pins and the collector; what started is stopped by {@link #close()}, also when a later
     * part fails to start.
     */
    public void start() {
        Optional<StateStore> store = state.store();
        if (store.isEmpty()) {
            LOG.info("no plugin contributes a StateStore: messages are logged but not processed");
            return;
        }
        pipeline = new MessagePipeline(log, store.get(), verifier, content,
                ContentHandlers.resolve(List.copyOf(handlers), config.scoring()), clock,
                MessagePipeline.Settings.forThisMachine(config), metrics, applied, parses);
        started.push(pipeline);
        pipeline.start();
        if (content.stores().isEmpty()) {
            return;
        }
        ContentCollector collector = new ContentCollector(content.stores(), state, config.contentGracePeriod(), clock);
        started.push(collector);
        metrics.counter("aleph4j.content.collector.passes", "passes of the content garbage collector", collector,
                ContentCollector::passes);
        metrics.counter("aleph4j.content.collector.deleted", "items the content garbage collector deleted",
                collector, ContentCollector::deleted);
        collector.start(config.contentCollectEvery());
        ContentPins pins = new ContentPins(content.stores(), state,
                dataDirectory.path().resolve("content").resolve("pins-owed"), clock);
        started.push(pins);
        Subscription pinning = log.subscribeEvents("kernel-content-pins", StartFrom.EARLIEST,
                (index, event) -> pins.onEvent(event));
        started.push(pinning);
    }

    /** The pipeline, when the node processes messages (it has a state store). */
    public Optional<MessagePipeline> pipeline() {
        return Optional.ofNullable(pipeline);
    }

    @Override
    public void close() {
        while (!started.isEmpty()) {
            AutoCloseable part = started.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.error("stopping {} failed", part.getClass().getSimpleName(), e);
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
